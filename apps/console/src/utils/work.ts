import type { Schemas } from '@/api/client';

export type WorkLevel = Schemas['WorkItemView']['level'];

/** 三色预警: overdue red, due within 10 days yellow, the rest green. */
export const LEVEL_STYLES: Record<
  WorkLevel,
  { tag: 'danger' | 'warning' | 'success'; color: string }
> = {
  overdue: { tag: 'danger', color: '#e0302d' },
  due_soon: { tag: 'warning', color: '#d48806' },
  normal: { tag: 'success', color: '#3d9a2b' },
};

/** 还剩 3 天 / 今天到期 / 已逾期 2 天 */
export function daysLeftText(daysLeft: number | null): string {
  if (daysLeft === null) return '';
  if (daysLeft > 0) return `还剩 ${daysLeft} 天`;
  if (daysLeft === 0) return '今天到期';
  return `已逾期 ${-daysLeft} 天`;
}

/** The console page where an item is handled, if it has one. */
export function workLink(
  item: Pick<Schemas['WorkItemView'], 'subjectType' | 'subjectId'>,
): string | null {
  switch (item.subjectType) {
    case 'directive':
      return `/directives/${item.subjectId}`;
    case 'referral':
      return `/referrals/${item.subjectId}`;
    case 'rectification':
      return `/rectifications/${item.subjectId}`;
    case 'progress_report':
    case 'oversight_engagement':
    case 'oversight_recommendation':
      return null;
  }
}
