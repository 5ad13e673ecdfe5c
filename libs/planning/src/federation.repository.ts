import { FederationNode } from '@liandong/messaging';
import { EntityManager, In } from 'typeorm';

/**
 * Planning's reads of the nodes registered with this one (messaging's federation registry,
 * the entity it exports): who is below, at which tier, under which name.
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
