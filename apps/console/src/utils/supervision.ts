import type { Schemas } from '@/api/client';
import { daysLeftText, LEVEL_STYLES, type WorkLevel } from './work';

export type SupervisionNote = Schemas['SupervisionNoteView'];
export type SupervisionMethod = Schemas['RecordSupervisionNoteDto']['method'];
export type RoutineSupervision = Schemas['RoutineSupervisionView'];

/** 日常监督方式, in the order offered on the form. */
export const SUPERVISION_METHOD_LABELS: Record<SupervisionMethod, string> = {
  talk: '谈心谈话',
  admonition: '约谈提醒',
  spot_check: '督查检查',
  sitting_in: '列席会议',
  records_review: '调阅资料',
  briefing: '听取汇报',
  other: '其他',
};

export const SUPERVISION_METHODS = Object.entries(SUPERVISION_METHOD_LABELS).map(
  ([value, label]) => ({ value: value as SupervisionMethod, label }),
);

/** How an urging (督促事项) shows: its tag colour and words; null when none was asked. */
export interface UrgingShown {
  tag: 'danger' | 'warning' | 'success' | 'info';
  color: string;
  /** 待落实 · 还剩 5 天 / 逾期未落实 · 已逾期 2 天 / 已落实 */
  text: string;
}

function levelOf(level: string | null): WorkLevel {
  return level === 'overdue' || level === 'due_soon' ? level : 'normal';
}

/** An urging not done in its colour (三色) with the days left; done grey-green, without days. */
export function urgingShown(
  note: Pick<
    SupervisionNote,
    'urging' | 'urgingState' | 'urgingStateLabel' | 'urgingLevel' | 'urgingDaysLeft'
  >,
): UrgingShown | null {
  if (!note.urging || !note.urgingState) return null;
  if (note.urgingState === 'done') return { tag: 'info', color: '#909399', text: '已落实' };
  const { tag, color } = LEVEL_STYLES[levelOf(note.urgingLevel)];
  return { tag, color, text: `${note.urgingStateLabel} · ${daysLeftText(note.urgingDaysLeft)}` };
}

/** The next urging of a rectification in the list: its colour and words; null when none is open. */
export function nextUrgingShown(row: RoutineSupervision): UrgingShown | null {
  if (row.openUrgingCount === 0 || row.nextUrgingDaysLeft === null) return null;
  const { tag, color } = LEVEL_STYLES[levelOf(row.urgingLevel)];
  return { tag, color, text: daysLeftText(row.nextUrgingDaysLeft) };
}
