/** The versioned policy that gives the days to answer an oversight recommendation. */
export const ANSWER_DAYS_POLICY = 'oversight.recommendation_answer_days';
/** When no directive has set it (the rule catalogue's baseline). */
export const DEFAULT_ANSWER_DAYS = 60;

/** A China date `days` later. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
