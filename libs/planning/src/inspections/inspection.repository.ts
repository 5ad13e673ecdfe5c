import { findOrFail, lockOrFail } from '@liandong/common';
import { overlaps } from '@liandong/protocol';
import type { InboundReceipt } from '@liandong/messaging';
import { EntityManager, In, Not } from 'typeorm';
import { Inspection, InspectionRole } from '../entities';
import { planningRefusal } from '../planning.errors';

/** Not refused: every status in which an inspection still takes its window. */
const OPEN = Not(In(['refused']));

const inRoles = (roles?: InspectionRole[]) => (roles ? { role: In(roles) } : {});

/** An inspection this node holds in any role, or INSPECTION_NOT_FOUND (404). */
export function findInspectionOrFail(manager: EntityManager, id: string): Promise<Inspection> {
  return findOrFail(manager, Inspection, { id }, () =>
    planningRefusal(
      'INSPECTION_NOT_FOUND',
      {
        zh: `本节点没有编号为 ${id} 的巡察，请检查编号`,
        en: `there is no inspection ${id} on this node`,
      },
      404,
    ),
  );
}

/**
 * An inspection this node conducts, locked for the rest of the transaction, or
 * INSPECTION_NOT_FOUND (404): only the conducting node forms its team, gives feedback and
 * hands back supervision.
 */
export function lockConductedOrFail(manager: EntityManager, id: string): Promise<Inspection> {
  return lockOrFail(manager, Inspection, { id, role: 'conducting' }, () =>
    planningRefusal(
      'INSPECTION_NOT_FOUND',
      {
        zh: `本节点没有由本级实施的编号为 ${id} 的巡察。组建巡察组、反馈和移交整改监督只能由实施巡察的一方办理，请检查编号`,
        en: `this node does not conduct an inspection ${id}; only the conducting node forms its team, gives feedback and hands back supervision`,
      },
      404,
    ),
  );
}

export function findInspection(
  manager: EntityManager,
  id: string,
  roles?: InspectionRole[],
): Promise<Inspection | null> {
  return manager.findOne(Inspection, { where: { id, ...inRoles(roles) } });
}

export function lockInspection(
  manager: EntityManager,
  id: string,
  roles?: InspectionRole[],
): Promise<Inspection | null> {
  return manager.findOne(Inspection, {
    where: { id, ...inRoles(roles) },
    lock: { mode: 'pessimistic_write' },
  });
}

/** The inspection `conductingNode` conducts of an organization of this node (hosted here), if any. */
export function findHosted(
  manager: EntityManager,
  id: string,
  conductingNode: string,
): Promise<Inspection | null> {
  return manager.findOne(Inspection, { where: { id, role: 'hosted', conductingNode } });
}

/**
 * An open inspection of one of `ownerNode`'s organizations, held in one of the given roles,
 * whose window shares a day with `window`: the one clash every scheduling rule checks.
 */
export async function openClash(
  manager: EntityManager,
  ownerNode: string,
  codes: string[],
  window: { start: string; end: string },
  roles: Array<'conducting' | 'hosted'>,
): Promise<Inspection | undefined> {
  const open = await manager.find(Inspection, {
    where: { role: In(roles), ownerNode, organizationCode: In(codes), status: OPEN },
  });
  return open.find((i) => overlaps(window, { start: i.windowStart, end: i.windowEnd }));
}

/** An open inspection this node conducts of the organization in the round, if any. */
export function openInRound(
  manager: EntityManager,
  roundId: string,
  ownerNode: string,
  organizationCode: string,
): Promise<Inspection | null> {
  return manager.findOne(Inspection, {
    where: { role: 'conducting', roundId, ownerNode, organizationCode, status: OPEN },
  });
}

export async function insertInspections(
  manager: EntityManager,
  rows: Inspection | Inspection[],
): Promise<void> {
  await manager.insert(Inspection, rows);
}

/** A result this node hears of (role reported); a repeated report changes nothing. */
export async function insertReported(
  manager: EntityManager,
  row: Partial<Inspection>,
): Promise<void> {
  await manager.createQueryBuilder().insert().into(Inspection).values(row).orIgnore().execute();
}

export async function updateInspection(
  manager: EntityManager,
  id: string,
  change: Partial<Inspection>,
): Promise<void> {
  await manager.update(Inspection, { id }, change);
}

/**
 * Receipts for escalations: applied (or a duplicate) means the owner accepted it, planned;
 * otherwise it is refused, with the code and reason. Raw SQL: one UPDATE … FROM unnest for a
 * whole batch, which TypeORM's builder cannot write.
 */
export async function settleEscalations(
  manager: EntityManager,
  receipts: InboundReceipt[],
): Promise<void> {
  await manager.query(
    `UPDATE inspection i
     SET status = CASE WHEN v.outcome IN ('applied', 'duplicate') THEN 'planned' ELSE 'refused' END,
         refusal_reason = CASE WHEN v.outcome IN ('applied', 'duplicate') THEN NULL
                               ELSE v.code || ': ' || v.reason END
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS v(event_id, outcome, code, reason)
     WHERE i.event_id = v.event_id AND i.status = 'requested'`,
    [
      receipts.map((r) => r.eventId),
      receipts.map((r) => r.outcome),
      receipts.map((r) => r.reasonCode ?? ''),
      receipts.map((r) => r.reason ?? ''),
    ],
  );
}

/** Inspections of a round, or all (at most 1,000), oldest first. */
export function listInspections(manager: EntityManager, roundId?: string): Promise<Inspection[]> {
  return manager.find(Inspection, {
    where: roundId ? { roundId } : {},
    order: { createdAt: 'ASC' },
    take: 1000,
  });
}

/** Inspections of these organizations by other nodes (hosted here), not refused, oldest first. */
export function hostedInspectionsOf(
  manager: EntityManager,
  codes: string[],
): Promise<Inspection[]> {
  return manager.find(Inspection, {
    where: { organizationCode: In(codes), role: 'hosted', status: Not('refused') },
    order: { createdAt: 'ASC' },
  });
}

/** Every inspection this node holds under a round (conducted, or reported under it), oldest first. */
export function inspectionsInRound(manager: EntityManager, roundId: string): Promise<Inspection[]> {
  return manager.find(Inspection, { where: { roundId }, order: { createdAt: 'ASC' } });
}
