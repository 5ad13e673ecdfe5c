import { refusals } from '@liandong/common';

/**
 * Every refusal code the evaluation library answers with, closed: `evaluationRefusal` throws
 * only these, and the compiler rejects a code not on the list.
 */
export const EVALUATION_REFUSALS = [
  'ANSWER_INVALID',
  'CODE_UNKNOWN',
  'CODE_USED',
  'EVALUATION_ROUND_EXISTS',
  'EVALUATION_ROUND_NOT_FOUND',
  'INSPECTION_NOT_FOUND',
  'NO_FEEDBACK_YET',
  'ROUND_CLOSED',
  'TEAM_NOT_FOUND',
  'TOO_MANY_ATTEMPTS',
] as const;

export const evaluationRefusal = refusals(EVALUATION_REFUSALS);
