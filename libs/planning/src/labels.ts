import type { InspectionMode, RoundType, SourceBody } from '@liandong/protocol';

/** zh-CN labels for the console and exports. */
export const ROUND_TYPE_LABELS: Record<RoundType, string> = {
  regular: '常规巡察',
  thematic: '专项巡察',
  mobile: '机动巡察',
  follow_up: '巡察“回头看”',
};

/** The short names of the glossary (常规 / 专项 / 机动 / 回头看), also accepted as input. */
export const ROUND_TYPE_SHORT_LABELS: Record<RoundType, string> = {
  regular: '常规',
  thematic: '专项',
  mobile: '机动',
  follow_up: '回头看',
};

export const MODE_LABELS: Record<InspectionMode, string> = {
  own: '本级巡察',
  escalated: '提级巡察',
  cross: '交叉巡察',
};

export const STATUS_LABELS: Record<string, string> = {
  requested: '待下级确认',
  planned: '已安排',
  refused: '被拒绝',
  feedback_given: '已反馈',
  handed_back: '已移交整改监督',
  ordered: '已下达',
  granted: '已授权',
  approved: '已同意',
  declined: '已拒绝',
};

export const SOURCE_BODY_LABELS: Record<SourceBody, string> = {
  discipline: '纪检监察机关',
  organization: '组织部门',
  audit: '审计机关',
  finance: '财政部门',
  judicial: '司法机关',
  petitions: '信访部门',
  inspection_office: '巡察机构',
  other: '其他',
};

/** Whether an organization was inspected this term (全覆盖), as the coverage list and export say it. */
export const COVERAGE_STATUS_LABELS: Record<'covered' | 'remaining', string> = {
  covered: '已覆盖',
  remaining: '未覆盖',
};

/** 组长 / 副组长 / 成员 */
export const TEAM_ROLE_LABELS: Record<'leader' | 'deputy_leader' | 'member', string> = {
  leader: '组长',
  deputy_leader: '副组长',
  member: '成员',
};
