import { EntityManager } from 'typeorm';

/** Unanswered recommendations past their answer-by day not yet marked, marked overdue now. */
export async function markOverdue(
  manager: EntityManager,
  today: string,
  now: Date,
): Promise<Array<{ id: string; role: 'overseeing' | 'overseen' }>> {
  const due: Array<{ id: string; role: 'overseeing' | 'overseen' }> = await manager.query(
    `SELECT r.id, e.role FROM oversight_recommendation r
     JOIN oversight_engagement e ON e.id = r.engagement_id
     WHERE r.answered_at IS NULL AND r.overdue_at IS NULL AND r.answer_by < $1
     ORDER BY r.id FOR UPDATE OF r`,
    [today],
  );
  if (due.length > 0)
    await manager.query(
      `UPDATE oversight_recommendation SET overdue_at = $2 WHERE id = ANY($1::uuid[])`,
      [due.map((d) => d.id), now],
    );
  return due;
}
