import { chinaDate, daysBetween } from '@liandong/protocol';
import { exchangeRefusal } from '../exchange.errors';

/** The policy that sets how many days an asked body has to answer. */
export const ANSWER_DAYS_POLICY = 'information_request.answer_days';
/** Without a version in force, the rule catalogue's baseline: 10 days. */
export const DEFAULT_ANSWER_DAYS = 10;

const DAY_MS = 86_400_000;

/**
 * The day an answer is due: the policy's days after the sending day (China Standard Time),
 * or an earlier day the office names — never today or before, never later than the policy.
 */
export function answerByFor(now: Date, days: number, given?: string): string {
  const today = chinaDate(now);
  const latest = chinaDate(new Date(now.getTime() + days * DAY_MS));
  if (!given) return latest;
  if (given <= today || given > latest)
    throw exchangeRefusal(
      'BAD_ANSWER_BY',
      {
        zh: `答复期限须在今天（${today}）之后、不晚于现行规定的${days}天（${latest}）。请重新选择日期`,
        en: `answerBy ${given} must be after ${today} and no later than ${latest} (${days} days by the policy in force)`,
      },
      400,
    );
  return given;
}

/** Days from the sending day to the due day, for the audit record. */
export const daysGiven = (now: Date, answerBy: string) => daysBetween(chinaDate(now), answerBy);
