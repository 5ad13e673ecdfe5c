import { FederationNode } from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { ChildStatistics, StatisticsReport } from '../entities';

/** Every version this node submitted for `year`, oldest first. */
export function ownVersions(manager: EntityManager, year: number): Promise<StatisticsReport[]> {
  return manager.find(StatisticsReport, { where: { year }, order: { version: 'ASC' } });
}

/** The latest version this node submitted for `year`, locked for the caller's transaction. */
export function lockLatestOwn(
  manager: EntityManager,
  year: number,
): Promise<StatisticsReport | null> {
  return manager.findOne(StatisticsReport, {
    where: { year },
    order: { version: 'DESC' },
    lock: { mode: 'pessimistic_write' },
  });
}

/** Every version the children submitted for `year`, by child, oldest first. */
export async function childVersions(
  manager: EntityManager,
  year: number,
): Promise<Map<string, ChildStatistics[]>> {
  const rows = await manager.find(ChildStatistics, {
    where: { year },
    order: { nodeId: 'ASC', version: 'ASC' },
  });
  const byChild = new Map<string, ChildStatistics[]>();
  for (const row of rows) byChild.set(row.nodeId, [...(byChild.get(row.nodeId) ?? []), row]);
  return byChild;
}

/** The latest version of `nodeId`'s report for `year`, locked. */
export function lockLatestChild(
  manager: EntityManager,
  nodeId: string,
  year: number,
): Promise<ChildStatistics | null> {
  return manager.findOne(ChildStatistics, {
    where: { nodeId, year },
    order: { version: 'DESC' },
    lock: { mode: 'pessimistic_write' },
  });
}

/** The last accepted of a child's versions (what its subtree totals are taken from). */
export function latestAccepted<T extends { state: string }>(versions: T[]): T | undefined {
  return [...versions].reverse().find((v) => v.state === 'accepted');
}

/** This node's direct children, known from their signed registrations. */
export function directChildren(manager: EntityManager, self: string): Promise<FederationNode[]> {
  return manager.find(FederationNode, { where: { parentId: self }, order: { nodeId: 'ASC' } });
}

/**
 * One transaction at a time writes this node's statistics for a year (a submission reads the
 * children's accepted reports and numbers the next version; a decision changes them).
 */
export async function lockYear(manager: EntityManager, year: number): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('statistics'), $1)`, [year]);
}
