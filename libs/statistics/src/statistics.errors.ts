import { refusals } from '@liandong/common';

/**
 * Every refusal code the statistics library answers with, closed: `statisticsRefusal` throws
 * only these, and the compiler rejects a code not on the list.
 */
export const STATISTICS_REFUSALS = [
  'AWAITING_DECISION',
  'CHILD_REPORT_NOT_FOUND',
  'NO_PARENT',
  'NOT_AWAITING_DECISION',
  'REPORT_LOCKED',
  'YEAR_INVALID',
] as const;

export const statisticsRefusal = refusals(STATISTICS_REFUSALS);
