const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The calendar date (YYYY-MM-DD) of an instant in China Standard Time (UTC+8, no DST). */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** A date plus whole years (29 February falls to 28 February). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const result = new Date(Date.UTC(y + years, m - 1, d));
  if (result.getUTCMonth() !== m - 1) result.setUTCDate(0);
  return result.toISOString().slice(0, 10);
}

/** Whether two closed date ranges share a day. */
export function overlaps(
  a: { start: string; end: string },
  b: { start: string; end: string },
): boolean {
  return a.start <= b.end && b.start <= a.end;
}
