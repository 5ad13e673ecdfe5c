import { addMonths, daysBetween } from '@liandong/protocol';

/** The policy that sets how many months after feedback the progress report is due. */
export const PROGRESS_REPORT_MONTHS_POLICY = 'rectification.progress_report_months';
/** The rule before the change to 3 months: a node with no policy version in force uses it. */
export const DEFAULT_PROGRESS_REPORT_MONTHS = 2;

/** How close a progress report's due day is, and who an alert at that level goes to. */
export type AlertLevel = 'days_20' | 'days_10' | 'overdue';

export const ALERT_NOTIFY: Record<AlertLevel, string> = {
  days_20: 'responsible_person',
  days_10: 'unit_head',
  overdue: 'inspection_office',
};

export const ALERT_LABELS: Record<AlertLevel, string> = {
  days_20: '距整改进展报告期限不足20天，提醒责任人',
  days_10: '距整改进展报告期限不足10天，提醒单位主要负责人',
  overdue: '整改进展报告已逾期，报巡察办',
};

// The calendar arithmetic is planning's (terms use it too); re-exported for this module's users.
export { addMonths, daysBetween };

/** The levels reached on `today` for a report due on `dueOn`, mildest first. */
export function alertLevels(dueOn: string, today: string): AlertLevel[] {
  const left = daysBetween(today, dueOn);
  const levels: AlertLevel[] = [];
  if (left <= 20) levels.push('days_20');
  if (left <= 10) levels.push('days_10');
  if (left < 0) levels.push('overdue');
  return levels;
}
