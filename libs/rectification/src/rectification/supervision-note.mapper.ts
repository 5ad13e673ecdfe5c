import { workTiming } from '@liandong/messaging';
import { daysBetween } from '@liandong/protocol';
import { DeadlineView } from '../dto/rectification.views';
import { RoutineSupervisionView, SupervisionNoteView } from '../dto/supervision.views';
import { Rectification, RectificationItem, SupervisionNote } from '../entities';
import { SUPERVISION_METHOD_LABELS, URGING_STATE_LABELS } from '../labels';
import { SupervisionRow } from './supervision.repository';

/** Where an urging stands on `today`: open, overdue (past its due day), done; null without one. */
export function urgingState(
  note: Pick<SupervisionNote, 'urging' | 'urgingDueOn' | 'urgingDoneAt'>,
  today: string,
): keyof typeof URGING_STATE_LABELS | null {
  if (note.urging === null || note.urgingDueOn === null) return null;
  if (note.urgingDoneAt) return 'done';
  return note.urgingDueOn < today ? 'overdue' : 'open';
}

/** The colour (三色) and days left of an urging due on `dueOn`, seen on `now`; nulls without one. */
function urgingTiming(dueOn: string | null, now: Date, today: string) {
  if (dueOn === null) return { level: null, daysLeft: null };
  return { level: workTiming(dueOn, now).level, daysLeft: daysBetween(today, dueOn) };
}

/** A note with the items it concerns (numbered as in the problem list) and its urging's state. */
export function mapSupervisionNote(
  note: SupervisionNote,
  items: RectificationItem[],
  now: Date,
  today: string,
): SupervisionNoteView {
  const state = urgingState(note, today);
  const open = state === 'open' || state === 'overdue';
  const timing = urgingTiming(open ? note.urgingDueOn : null, now, today);
  return {
    id: note.id,
    rectificationId: note.rectificationId,
    method: note.method,
    methodLabel: SUPERVISION_METHOD_LABELS[note.method],
    supervisedOn: note.supervisedOn,
    content: note.content,
    items: items
      .map((item, i) => ({ id: item.id, no: i + 1, problem: item.problem }))
      .filter((item) => note.itemIds.includes(item.id)),
    urging: note.urging,
    urgingDueOn: note.urgingDueOn,
    urgingState: state,
    urgingStateLabel: state ? URGING_STATE_LABELS[state] : null,
    urgingLevel: timing.level,
    urgingDaysLeft: timing.daysLeft,
    urgingOutcome: note.urgingOutcome,
    urgingDoneBy: note.urgingDoneBy,
    urgingDoneAt: note.urgingDoneAt,
    recordedBy: note.recordedBy,
    recordedAt: note.recordedAt,
  };
}

/** One rectification under routine supervision: its progress deadline, notes and urgings. */
export function mapRoutineSupervision(
  rectification: Rectification,
  deadline: DeadlineView,
  row: SupervisionRow,
  now: Date,
  today: string,
): RoutineSupervisionView {
  const next = urgingTiming(row.nextUrgingDueOn, now, today);
  return {
    rectificationId: rectification.id,
    organizationName: rectification.organizationName,
    conductingNode: rectification.conductingNode,
    feedbackAt: rectification.feedbackAt,
    deadline,
    itemCount: row.items,
    closedCount: row.closed,
    noteCount: row.notes,
    lastNoteOn: row.lastNoteOn,
    openUrgingCount: row.openUrgings,
    overdueUrgingCount: row.overdueUrgings,
    nextUrgingDueOn: row.nextUrgingDueOn,
    nextUrgingDaysLeft: next.daysLeft,
    urgingLevel: next.level,
  };
}
