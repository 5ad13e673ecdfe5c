import { lockOrFail } from '@liandong/common';
import { EntityManager } from 'typeorm';
import { SupervisionNote } from '../entities';
import { rectificationRefusal } from '../rectification.errors';

/** The supervision notes of a rectification, by the day supervised, then as recorded. */
export function notesOf(
  manager: EntityManager,
  rectificationId: string,
): Promise<SupervisionNote[]> {
  return manager.find(SupervisionNote, {
    where: { rectificationId },
    order: { supervisedOn: 'ASC', recordedAt: 'ASC', id: 'ASC' },
  });
}

/** A supervision note, locked: its urging is marked done once. */
export function lockSupervisionNote(
  manager: EntityManager,
  noteId: string,
): Promise<SupervisionNote> {
  return lockOrFail(manager, SupervisionNote, { id: noteId }, () =>
    rectificationRefusal(
      'SUPERVISION_NOTE_NOT_FOUND',
      {
        zh: `本节点没有这条日常监督记录（编号 ${noteId}）。请从整改的日常监督记录重新选择`,
        en: `no supervision note ${noteId}`,
      },
      404,
    ),
  );
}

export async function insertSupervisionNote(
  manager: EntityManager,
  note: SupervisionNote,
): Promise<void> {
  await manager.insert(SupervisionNote, note);
}

export async function updateSupervisionNote(
  manager: EntityManager,
  id: string,
  change: Partial<SupervisionNote>,
): Promise<void> {
  await manager.update(SupervisionNote, { id }, change);
}

/** Per rectification on a page: how it is supervised (notes, urgings open and overdue on `today`). */
export interface SupervisionRow {
  id: string;
  items: number;
  closed: number;
  reports: number;
  notes: number;
  lastNoteOn: string | null;
  openUrgings: number;
  overdueUrgings: number;
  nextUrgingDueOn: string | null;
}

/**
 * A page of the rectifications with their supervision, the most pressing first: by the next
 * urging's due day, then those never supervised, then the longest unsupervised, newest fed back.
 */
export async function supervisionPage(
  manager: EntityManager,
  today: string,
  limit: number,
  offset: number,
): Promise<{ rows: SupervisionRow[]; total: number }> {
  const rows: Array<Record<string, string | null>> = await manager.query(
    `SELECT r.id,
            (SELECT count(*) FROM rectification_item i WHERE i.rectification_id = r.id) AS items,
            (SELECT count(*) FROM rectification_item i
               WHERE i.rectification_id = r.id AND i.status = 'closed') AS closed,
            (SELECT count(*) FROM progress_report p WHERE p.rectification_id = r.id) AS reports,
            n.notes, to_char(n.last_note_on, 'YYYY-MM-DD') AS last_note_on, n.open_urgings,
            n.overdue_urgings, to_char(n.next_urging_due_on, 'YYYY-MM-DD') AS next_urging_due_on
     FROM rectification r
     CROSS JOIN LATERAL (
       SELECT count(*) AS notes, max(s.supervised_on) AS last_note_on,
              count(*) FILTER (WHERE s.urging IS NOT NULL AND s.urging_done_at IS NULL) AS open_urgings,
              count(*) FILTER (WHERE s.urging IS NOT NULL AND s.urging_done_at IS NULL
                                 AND s.urging_due_on < $1::date) AS overdue_urgings,
              min(s.urging_due_on) FILTER (WHERE s.urging IS NOT NULL AND s.urging_done_at IS NULL)
                AS next_urging_due_on
       FROM supervision_note s WHERE s.rectification_id = r.id) n
     ORDER BY n.next_urging_due_on ASC NULLS LAST, n.last_note_on ASC NULLS FIRST,
              r.feedback_at DESC, r.id
     LIMIT $2 OFFSET $3`,
    [today, limit, offset],
  );
  const [{ total }]: Array<{ total: string }> = await manager.query(
    `SELECT count(*) AS total FROM rectification`,
  );
  return {
    total: Number(total),
    rows: rows.map((r) => ({
      id: String(r.id),
      items: Number(r.items),
      closed: Number(r.closed),
      reports: Number(r.reports),
      notes: Number(r.notes),
      lastNoteOn: r.last_note_on,
      openUrgings: Number(r.open_urgings),
      overdueUrgings: Number(r.overdue_urgings),
      nextUrgingDueOn: r.next_urging_due_on,
    })),
  };
}
