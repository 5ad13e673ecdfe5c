import { refusals } from '@liandong/common';

/**
 * Every refusal code of the rectification library, by area. A code not on this list does not
 * compile; the texts stay with the rule that refuses (they name what the caller sent).
 */
export const RECTIFICATION_REFUSALS = [
  // the team (team-access.ts)
  'NOT_ON_TEAM',
  'WRONG_TEAM_ROLE',
  // findings and their evidence (问题底稿)
  'FINDING_NOT_FOUND',
  'FINDING_WITHDRAWN',
  'NOT_UNDER_WAY',
  'FINDING_LOCKED',
  'BAD_EVIDENCE',
  'EVIDENCE_NOT_FOUND',
  'SAME_PERSON',
  'FINDING_INCOMPLETE',
  'NOT_A_DRAFT',
  'NOT_CHECKED',
  'ALREADY_A_DRAFT',
  'FINDING_IN_REPORT',
  'ALREADY_WITHDRAWN',
  'FEEDBACK_GIVEN',
  // inspection reports and feedback (巡视报告)
  'INSPECTION_NOT_FOUND',
  'REASON_REQUIRED',
  'NO_FINDINGS',
  'FINDINGS_INCOMPLETE',
  'REPORT_NOT_FOUND',
  'SUPERSEDED',
  'ALREADY_DECIDED',
  'REPORT_NOT_DECIDED',
  'REPORT_HAS_WITHDRAWN',
  // referrals (移交)
  'FINDING_NOT_SIGNED',
  // special reports (专题报告)
  'NOT_AN_ANCESTOR',
  'TO_NODE_NOT_EXPECTED',
  'CADRE_TIER_REQUIRED',
  'NO_BODY_WITH_JURISDICTION',
  'DEPARTMENT_REQUIRED',
  'NO_BODY_KEY',
  'REFERRAL_NOT_FOUND',
  'NOT_ACKNOWLEDGED',
  'ALREADY_DISPOSED',
  // rectification (整改)
  'RECTIFICATION_NOT_FOUND',
  'ITEM_NOT_FOUND',
  'ITEM_CLOSED',
  'NO_RESPONSIBILITY',
  'BAD_PROOF',
  'NO_PROOF',
  'PROOF_NOT_FOUND',
  'NOT_THAT_OFFICE',
  'PROGRESS_REPORT_NOT_FOUND',
  'ALREADY_SIGNED',
  'NOTHING_TO_VERIFY',
  // routine supervision of rectification (整改日常监督)
  'SUPERVISION_NOTE_NOT_FOUND',
  'DATE_IN_FUTURE',
  'BEFORE_FEEDBACK',
  'UNKNOWN_ITEMS',
  'URGING_INCOMPLETE',
  'URGING_DUE_BEFORE_NOTE',
  'NO_URGING',
  'URGING_DONE',
] as const;

export type RectificationRefusalCode = (typeof RECTIFICATION_REFUSALS)[number];

/** `throw rectificationRefusal('ITEM_CLOSED', { zh, en })`: a DomainError from the list above. */
export const rectificationRefusal = refusals(RECTIFICATION_REFUSALS);
