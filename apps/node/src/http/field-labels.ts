/**
 * What each request field is called on screen (zh-CN), for refusal messages: "标题（title）
 * 不能为空". A field without a label here is named by its code. Words from the glossary.
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  acknowledgedBy: '签收人',
  active: '启用',
  answerBy: '答复期限',
  as: '签署部门',
  assignments: '交叉安排',
  attachments: '附件',
  basis: '定性依据',
  body: '正文',
  cadreTier: '干部管理层级',
  category: '类别',
  code: '代码',
  confidential: '密件',
  conflicts: '回避冲突',
  content: '内容',
  contentBase64: '附件内容',
  contentType: '文件类型',
  currentPassword: '当前密码',
  decision: '决定',
  department: '职能部门',
  deputyLeaderId: '副组长',
  description: '说明',
  details: '具体内容',
  disclosedOn: '公开日期',
  displayName: '姓名',
  disposition: '处置情况',
  effectiveFrom: '生效日期',
  endsOn: '结束日期',
  facts: '事实',
  filename: '文件名',
  format: '格式',
  from: '开始日期',
  homeJurisdiction: '所属辖区',
  homeUnitCode: '所在单位代码',
  homeUnitName: '所在单位名称',
  inspectedNode: '被巡察方',
  issuedBy: '签发人',
  key: '规则',
  kind: '类型',
  leaderId: '组长',
  lendingNode: '借出方',
  limit: '每页条数',
  linkChildren: '带动下级',
  memberIds: '组员',
  name: '名称',
  newPassword: '新密码',
  nodeId: '节点',
  notes: '说明',
  offset: '起始位置',
  on: '日期',
  organizationCategory: '对象类别',
  organizationCode: '对象代码',
  organizationCodes: '对象代码',
  organizationName: '对象名称',
  ownerNode: '所属节点',
  password: '密码',
  peers: '参与交叉的同级',
  personId: '人员',
  policies: '规则调整',
  posts: '任职经历',
  previousRoundId: '上一轮次',
  problems: '问题',
  proof: '佐证',
  purpose: '事由',
  q: '搜索词',
  reason: '理由',
  refreshToken: '刷新令牌',
  relation: '关系',
  relations: '亲属关系',
  relayedBy: '转发人',
  reportDueAt: '落实情况报告截止时间',
  reportedBy: '报告人',
  requirements: '本级要求',
  responsiblePerson: '责任人',
  roles: '角色',
  roundId: '轮次',
  scope: '范围',
  setByNode: '设定节点',
  sourceBody: '来源单位',
  startsOn: '开始日期',
  status: '状态',
  subject: '事项',
  summary: '摘要',
  targetNode: '征询节点',
  tasks: '任务',
  text: '内容',
  theme: '主题',
  title: '标题',
  to: '结束日期',
  type: '类型',
  unitCode: '单位代码',
  unitHead: '单位主要负责人',
  unitName: '单位名称',
  username: '账号',
  value: '数值',
  visitingNode: '巡察方',
  windowEnd: '结束日期',
  windowStart: '开始日期',
};

/**
 * Where one request's field means something else than the same name elsewhere: by the
 * request class's name (an information request's `body` is the body asked, not a text).
 */
const FIELD_LABELS_OF: Record<string, Record<string, string>> = {
  SendRequestDto: { body: '受询机关' },
};

/** 标题（title）, or the field path itself when it has no label; `owner` is the request class. */
export function fieldLabel(path: string, owner?: string): string {
  const last =
    path
      .split('.')
      .pop()
      ?.replace(/\[\d+\]$/, '') ?? path;
  const label = (owner ? FIELD_LABELS_OF[owner]?.[last] : undefined) ?? FIELD_LABELS[last];
  return label ? `${label}（${path}）` : path;
}
