/** Dates and times as an office in China reads them: Beijing time, 2026年12月1日 15:30. */
const BEIJING = 'Asia/Shanghai';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: BEIJING,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function beijingParts(instant: Date): Record<string, string> {
  return Object.fromEntries(parts.formatToParts(instant).map((p) => [p.type, p.value]));
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 2026年12月1日 15:30 (Beijing time); a dash for nothing. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  const p = beijingParts(instant);
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}`;
}

/** 2027年1月20日: a calendar date as it is, an instant as its day in Beijing. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const calendar = CALENDAR_DATE.exec(value);
  if (calendar) return `${Number(calendar[1])}年${Number(calendar[2])}月${Number(calendar[3])}日`;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  const p = beijingParts(instant);
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日`;
}

/** Today's date in Beijing, as YYYY-MM-DD. */
export function beijingToday(now: Date = new Date()): string {
  const p = beijingParts(now);
  return `${p.year}-${p.month.padStart(2, '0')}-${p.day.padStart(2, '0')}`;
}

/** The end of a Beijing calendar day as an instant (a report due on that day). */
export function endOfBeijingDay(day: string): string {
  return new Date(`${day}T23:59:59+08:00`).toISOString();
}

/** A date picker's day (local midnight) as YYYY-MM-DD. */
export function pickerDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
