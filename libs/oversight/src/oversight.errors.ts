import { refusals } from '@liandong/common';

/**
 * Every refusal code the oversight library answers with, closed: `oversightRefusal` throws
 * only these, and the compiler rejects a code not on the list.
 */
export const OVERSIGHT_REFUSALS = [
  'AREA_NOT_GRANTED',
  'ENGAGEMENT_CLOSED',
  'ENGAGEMENT_NOT_FOUND',
  'EVIDENCE_NOT_FOUND',
  'BAD_EVIDENCE',
  'GRANT_EXPIRED',
  'INVALID_QUERY',
  'ITEM_NOT_IN_CHECKLIST',
  'NOT_ACKNOWLEDGED',
  'NOT_A_DESCENDANT',
  'NOT_OVERSEEING',
  'NOT_OVERSEEN',
  'NOT_TRAINING',
  'OBSERVATION_NOT_FOUND',
  'RECOMMENDATION_ANSWERED',
  'RECOMMENDATION_NOT_FOUND',
  'ROUND_REQUIRED',
  'WINDOW_INVALID',
] as const;

export const oversightRefusal = refusals(OVERSIGHT_REFUSALS);
