/** Roles on a node, from the glossary. A user may hold several. */
export const ROLES = [
  'inspection_office',
  'leading_group',
  'team_leader',
  'team_member',
  'receiving_body',
  'supervision_office',
  'organization_department',
  'viewer',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  inspection_office: '巡视巡察办工作人员',
  leading_group: '领导小组成员',
  team_leader: '巡视巡察组组长',
  team_member: '巡视巡察组成员',
  receiving_body: '移交受理机关',
  supervision_office: '纪委监委监督检查室',
  organization_department: '组织部门',
  viewer: '统计查看',
  admin: '系统管理员',
};

/** Who may call a route: a list of roles, or any signed-in user. */
export type AccessRule = readonly Role[] | 'authenticated';
