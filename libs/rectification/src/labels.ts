import type { ProblemCategory, ReferralKind } from '@liandong/protocol';
import type { FindingStatus, ReviewingOffice, SupervisionMethod } from './entities';

/** zh-CN labels for the console, refusal messages and exports; requests accept them too. */
export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = {
  drafted: '已起草',
  checked: '已审核',
  signed: '已签字',
  withdrawn: '已撤回',
};

/** What the audit log says happened to a finding, as its trail shows it (the code stays the key). */
export const FINDING_TRAIL_LABELS: Record<string, string> = {
  'finding.drafted': '起草问题',
  'finding.revised': '修改问题',
  'finding.checked': '副组长审核',
  'finding.signed': '组长签字',
  'finding.returned': '退回修改',
  'finding.withdrawn': '撤回问题',
  'evidence.added': '上传证据材料',
  'evidence.read': '查阅证据材料',
  'referral.made': '移交问题线索',
};

export const REFERRAL_KIND_LABELS: Record<ReferralKind, string> = {
  clue: '问题线索',
  cadre_selection: '选人用人问题',
  audit: '审计问题',
  petition: '信访问题',
  recommendation: '工作建议',
};

export const REFERRAL_STATE_LABELS = {
  open: '待签收',
  overdue: '逾期未签收',
  acknowledged: '已签收',
  disposed: '已处置',
} as const;

export const REVIEWING_OFFICE_LABELS: Record<ReviewingOffice, string> = {
  supervision_office: '监督检查室',
  organization_department: '组织部门',
  inspection_office: '巡视巡察办',
};

export const ITEM_STATUS_LABELS = { open: '整改中', closed: '已销号' } as const;

/** 日常监督方式. */
export const SUPERVISION_METHOD_LABELS: Record<SupervisionMethod, string> = {
  talk: '谈心谈话',
  admonition: '约谈提醒',
  spot_check: '督查检查',
  sitting_in: '列席会议',
  records_review: '调阅资料',
  briefing: '听取汇报',
  other: '其他',
};

/** Where an urging (督促事项) of a supervision note stands. */
export const URGING_STATE_LABELS = {
  open: '待落实',
  overdue: '逾期未落实',
  done: '已落实',
} as const;

/**
 * 问题类别: the labels of central's problem category catalogue, version 1
 * (`PROBLEM_CATEGORY_CATALOGUE_VERSION` in libs/protocol). Requests accept them too.
 */
export const PROBLEM_CATEGORY_LABELS: Record<ProblemCategory, string> = {
  political: '政治建设',
  theoretical: '思想建设',
  organizational: '组织建设',
  conduct: '作风建设（含落实中央八项规定精神）',
  discipline: '纪律建设',
  integrity: '党风廉政建设与反腐败',
  cadre_selection: '选人用人',
  ideology: '意识形态',
  rectification: '巡视巡察整改落实',
  other: '其他',
};

/** How the counts name `other`, which takes the findings with no category as well. */
export const PROBLEM_COUNT_LABELS: Record<ProblemCategory, string> = {
  ...PROBLEM_CATEGORY_LABELS,
  other: '其他/未分类',
};
