import { chinaDate, daysBetween } from '@liandong/protocol';

/**
 * 待办: something waiting for a person on this node (the console's home page). Each feature
 * library lists its own, for the roles the person holds; the three colours (三色预警) mean
 * the same everywhere: overdue red, due within 10 days yellow, otherwise green.
 */
export type WorkLevel = 'overdue' | 'due_soon' | 'normal';

export const WORK_LEVEL_LABELS: Record<WorkLevel, string> = {
  overdue: '已逾期',
  due_soon: '临近期限',
  normal: '正常',
};

/** Days before a due day from which an item shows yellow. */
export const DUE_SOON_DAYS = 10;

export interface WorkItem {
  /** Stable code, e.g. `directive.acknowledge`. */
  kind: string;
  /** zh-CN, e.g. 待签收的部署. */
  kindLabel: string;
  title: string;
  /** One line in Chinese: who sent it, what to do. */
  detail: string;
  /** The due day in Beijing (YYYY-MM-DD), or null when nothing is due. */
  dueOn: string | null;
  /** Days from today to the due day (negative when overdue); null without one. */
  daysLeft: number | null;
  level: WorkLevel;
  subjectType:
    | 'directive'
    | 'referral'
    | 'rectification'
    | 'progress_report'
    | 'oversight_engagement'
    | 'oversight_recommendation';
  subjectId: string;
}

/** The colour of an item due at `due` (an instant or a Beijing calendar day), seen on `now`. */
export function workTiming(
  due: Date | string | null,
  now: Date,
): Pick<WorkItem, 'dueOn' | 'daysLeft' | 'level'> {
  if (due === null) return { dueOn: null, daysLeft: null, level: 'normal' };
  const dueOn = typeof due === 'string' ? due : chinaDate(due);
  const overdue = typeof due === 'string' ? dueOn < chinaDate(now) : due.getTime() < now.getTime();
  const daysLeft = daysBetween(chinaDate(now), dueOn);
  return {
    dueOn,
    daysLeft,
    level: overdue ? 'overdue' : daysLeft <= DUE_SOON_DAYS ? 'due_soon' : 'normal',
  };
}
