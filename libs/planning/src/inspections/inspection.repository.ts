import { EntityManager, In, Not } from 'typeorm';
import { Inspection } from '../entities';

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
