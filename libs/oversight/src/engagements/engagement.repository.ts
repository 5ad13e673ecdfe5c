import { findOrFail, lockOrFail } from '@liandong/common';
import type { InboundReceipt } from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import {
  Attendee,
  Engagement,
  EngagementRole,
  Observation,
  ObservationEvidence,
  Recommendation,
} from '../entities';
import { oversightRefusal } from '../oversight.errors';

const notFound = (id: string) =>
  oversightRefusal(
    'ENGAGEMENT_NOT_FOUND',
    {
      zh: `本节点没有这项指导督导（编号 ${id}）。请从督导列表中选择`,
      en: `there is no oversight engagement ${id} on this node; pick one from GET /oversight/engagements`,
    },
    404,
  );

export function findEngagement(manager: EntityManager, id: string): Promise<Engagement> {
  return findOrFail(manager, Engagement, { id }, () => notFound(id));
}

/** Locks the engagement FOR UPDATE; a write on one engagement waits for the other. */
export function lockEngagement(manager: EntityManager, id: string): Promise<Engagement> {
  return lockOrFail(manager, Engagement, { id }, () => notFound(id));
}

/** The engagement held in `role` with `peer` at its other end, or null (for inbound events). */
export function heldWith(
  manager: EntityManager,
  id: string,
  role: EngagementRole,
  peer: string,
): Promise<Engagement | null> {
  return manager.findOne(Engagement, {
    where:
      role === 'overseeing' ? { id, role, overseenNode: peer } : { id, role, overseeingNode: peer },
    lock: { mode: 'pessimistic_write' },
  });
}

export function listEngagements(manager: EntityManager): Promise<Engagement[]> {
  return manager.find(Engagement, { order: { createdAt: 'DESC' }, take: 1000 });
}

export function observationsOf(manager: EntityManager, id: string): Promise<Observation[]> {
  return manager.find(Observation, { where: { engagementId: id }, order: { recordedAt: 'ASC' } });
}

export function attendeesOf(manager: EntityManager, id: string): Promise<Attendee[]> {
  return manager.find(Attendee, { where: { engagementId: id }, order: { recordedAt: 'ASC' } });
}

export function recommendationsOf(manager: EntityManager, id: string): Promise<Recommendation[]> {
  return manager.find(Recommendation, { where: { engagementId: id }, order: { id: 'ASC' } });
}

/**
 * Receipts for opened engagements: a refusal by the overseen node marks it refused, with
 * why; how many were marked.
 */
export async function settleOpenings(
  manager: EntityManager,
  receipts: InboundReceipt[],
): Promise<number> {
  const refused = receipts.filter((r) => r.outcome === 'rejected' || r.outcome === 'dead_lettered');
  if (refused.length === 0) return 0;
  // node-postgres answers an UPDATE … RETURNING through TypeORM as [rows, count].
  const result: [unknown[], number] = await manager.query(
    `UPDATE oversight_engagement e
     SET status = 'refused', refusal_reason = v.code || ': ' || v.reason
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS v(event_id, node, code, reason)
     WHERE e.event_id = v.event_id AND e.overseen_node = v.node AND e.status = 'opened'
     RETURNING e.id`,
    [
      refused.map((r) => r.eventId),
      refused.map((r) => r.fromNode),
      refused.map((r) => r.reasonCode ?? ''),
      refused.map((r) => r.reason ?? ''),
    ],
  );
  return result[1];
}

/** The evidence files of an engagement's observations, without their bytes, oldest first. */
export function evidenceOf(manager: EntityManager, id: string): Promise<ObservationEvidence[]> {
  return manager
    .createQueryBuilder(ObservationEvidence, 'e')
    .innerJoin(Observation, 'o', 'o.id = e.observation_id')
    .where('o.engagement_id = :id', { id })
    .orderBy('e.uploaded_at', 'ASC')
    .getMany();
}
