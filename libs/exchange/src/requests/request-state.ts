import { chinaDate } from '@liandong/protocol';

export const REQUEST_STATES = ['open', 'overdue', 'answered', 'answered_late'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/**
 * Where a request stands on a day, the same at both ends: answered on or before its day,
 * answered late (the answer's China date is after `answerBy`), open, or overdue (unanswered
 * and today, by the injected clock, is after `answerBy`).
 */
export function requestState(
  r: { answerBy: string; answeredAt: Date | null },
  now: Date,
): RequestState {
  if (r.answeredAt) return chinaDate(r.answeredAt) > r.answerBy ? 'answered_late' : 'answered';
  return chinaDate(now) > r.answerBy ? 'overdue' : 'open';
}
