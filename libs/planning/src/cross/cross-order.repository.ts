import type { InboundReceipt } from '@liandong/messaging';
import { EntityManager, Not } from 'typeorm';
import { CrossOrder, CrossRole } from '../entities';

export function findCrossOrder(manager: EntityManager, id: string): Promise<CrossOrder | null> {
  return manager.findOne(CrossOrder, { where: { id } });
}

/** The order this node gave (as the ordering node) that sends `visitingNode`'s team, if any. */
export function orderingFor(
  manager: EntityManager,
  id: string,
  visitingNode: string,
): Promise<CrossOrder | null> {
  return manager.findOne(CrossOrder, { where: { id, role: 'ordering', visitingNode } });
}

/** The order this node's team carries out (as the visiting node) in `inspectedNode`, if any. */
export function visitingOrder(
  manager: EntityManager,
  id: string,
  inspectedNode: string,
): Promise<CrossOrder | null> {
  return manager.findOne(CrossOrder, { where: { id, role: 'visiting', inspectedNode } });
}

/** The orders this node gave in a round, but those refused. */
export function orderedInRound(manager: EntityManager, roundId: string): Promise<CrossOrder[]> {
  return manager.find(CrossOrder, {
    where: { roundId, role: 'ordering', status: Not('refused') },
  });
}

/**
 * An order this node holds in the round as `role`, with the other peer on the given side, not
 * refused: how a receiver finds the reverse of a pair it is ordered into.
 */
export function heldInRound(
  manager: EntityManager,
  roundId: string,
  role: CrossRole,
  peer: { visitingNode: string } | { inspectedNode: string },
): Promise<CrossOrder | null> {
  return manager.findOne(CrossOrder, {
    where: { roundId, role, ...peer, status: Not('refused') },
  });
}

/** Orders of a round, or all, oldest first. */
export function listCrossOrders(manager: EntityManager, roundId?: string): Promise<CrossOrder[]> {
  return manager.find(CrossOrder, {
    where: roundId ? { roundId } : {},
    order: { createdAt: 'ASC' },
  });
}

export async function insertCrossOrder(
  manager: EntityManager,
  order: CrossOrder,
): Promise<CrossOrder> {
  const row = manager.create(CrossOrder, order);
  await manager.insert(CrossOrder, row);
  return row;
}

export async function markGranted(manager: EntityManager, id: string): Promise<void> {
  await manager.update(CrossOrder, { id }, { status: 'granted' });
}

/**
 * A peer's refusal of an order (in its receipt) marks the order refused, with the reason.
 * Raw SQL: one UPDATE … FROM unnest matching an array column, beyond TypeORM's builder.
 */
export async function refuseOrders(
  manager: EntityManager,
  refused: InboundReceipt[],
): Promise<void> {
  await manager.query(
    `UPDATE cross_order c SET status = 'refused', refusal_reason = v.code || ': ' || v.reason
     FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(event_id, code, reason)
     WHERE v.event_id = ANY (c.event_ids) AND c.role = 'ordering' AND c.status <> 'refused'`,
    [
      refused.map((r) => r.eventId),
      refused.map((r) => r.reasonCode ?? ''),
      refused.map((r) => r.reason ?? ''),
    ],
  );
}
