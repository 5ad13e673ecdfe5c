import { FederationNode } from './entities';
import { EntityManager, In } from 'typeorm';

/**
 * Reads of the nodes registered with this one (from their signed `node.registered.v1`
 * events), for the libraries that need to know who is below, at which tier, under which
 * name — through the caller's transaction `manager`.
 */
export function registeredNode(
  manager: EntityManager,
  nodeId: string,
): Promise<FederationNode | null> {
  return manager.findOne(FederationNode, { where: { nodeId } });
}

export function registeredNodes(
  manager: EntityManager,
  nodeIds: string[],
): Promise<FederationNode[]> {
  return manager.find(FederationNode, { where: { nodeId: In(nodeIds) } });
}

export async function isRegistered(manager: EntityManager, nodeId: string): Promise<boolean> {
  return (await manager.count(FederationNode, { where: { nodeId } })) > 0;
}
