import {
  areaOf,
  OVERSIGHT_AREAS,
  OVERSIGHT_CHECKLIST_ITEMS,
  OversightArea,
  OversightChecklistItem,
  OversightForm,
} from '@liandong/protocol';

export const FORM_LABELS: Record<OversightForm, string> = {
  training: '专题培训辅导',
  investigation: '工作调研督导',
  on_site: '现场跟进指导',
};

export const AREA_LABELS: Record<OversightArea, string> = {
  planning_coverage: '巡察规划与全覆盖',
  team_recusal: '巡察组组建与回避',
  evidence_dossier: '问题底稿',
  report_feedback: '巡察报告与反馈',
  referrals: '问题线索移交',
  rectification_supervision: '整改监督',
  records: '档案与留痕',
};

/** The fixed checklist over the whole process ("全流程、全要素"), with its Chinese labels. */
export const ITEM_LABELS: Record<OversightChecklistItem, string> = {
  'planning_coverage.term_plan': '届内巡察规划是否制定并覆盖全部党组织',
  'planning_coverage.round_plan': '轮次计划与巡察对象的确定',
  'planning_coverage.coverage_progress': '全覆盖进度与质量（有形覆盖与有效覆盖）',
  'team_recusal.team_composition': '巡察组组长、副组长、成员的配备',
  'team_recusal.recusal': '回避规定的执行',
  'evidence_dossier.facts_evidence': '问题底稿的事实与证据材料',
  'evidence_dossier.normative_basis': '问题定性依据',
  'report_feedback.report_review': '巡察报告的审核与定稿',
  'report_feedback.leading_group_decision': '领导小组审议',
  'report_feedback.feedback': '反馈意见的送达',
  'referrals.clue_referral': '问题线索按干部管理权限移交',
  'referrals.disposition_followup': '移交事项的办理跟踪',
  'rectification_supervision.deadlines': '整改期限与进展报告',
  'rectification_supervision.closing_proof': '整改销号的佐证材料',
  'rectification_supervision.routine_supervision': '整改日常监督',
  'records.archive': '巡察档案管理',
  'records.trail': '全过程留痕',
};

/** The areas an engagement's checklist covers, in catalogue order. */
export function areasOf(checklist: readonly string[]): OversightArea[] {
  const covered = new Set(checklist.map(areaOf));
  return OVERSIGHT_AREAS.filter((area) => covered.has(area));
}

export { OVERSIGHT_AREAS, OVERSIGHT_CHECKLIST_ITEMS };
