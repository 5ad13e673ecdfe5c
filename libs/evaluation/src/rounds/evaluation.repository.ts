import { EntityManager, In } from 'typeorm';
import { EvaluationAnswer, EvaluationRound } from '../entities';
import { evaluationRefusal } from '../evaluation.errors';

/** A round of this node, or EVALUATION_ROUND_NOT_FOUND (404); `lock` takes it FOR UPDATE. */
export async function roundOrFail(
  manager: EntityManager,
  id: string,
  lock = false,
): Promise<EvaluationRound> {
  const round = await manager.findOne(EvaluationRound, {
    where: { id },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!round)
    throw evaluationRefusal(
      'EVALUATION_ROUND_NOT_FOUND',
      { zh: '本节点没有这次后评估，请检查后重试', en: `there is no evaluation round ${id} here` },
      404,
    );
  return round;
}

/** How many answers each round has received so far. */
export async function answerCounts(
  manager: EntityManager,
  roundIds: string[],
): Promise<Map<string, number>> {
  if (!roundIds.length) return new Map();
  const rows: Array<{ round_id: string; n: string }> = await manager
    .createQueryBuilder(EvaluationAnswer, 'a')
    .select('a.round_id', 'round_id')
    .addSelect('count(*)', 'n')
    .where({ roundId: In(roundIds) })
    .groupBy('a.round_id')
    .getRawMany();
  return new Map(rows.map((r) => [r.round_id, Number(r.n)]));
}
