import { HEBEI_COUNTIES, HEBEI_SAMPLE_TREE, waitFor } from '@liandong/testing';
import { InProcessFederation } from '../src/harness/in-process-federation';

export { HEBEI_COUNTIES, HEBEI_SAMPLE_TREE, waitFor };

/** Waits until `nodeId` knows every node below it in the tree as registered. */
export async function waitForRegistrations(federation: InProcessFederation, nodeId: string): Promise<void> {
  const below = [...federation.nodes.values()].filter((n) => n.identity.path.slice(0, -1).includes(nodeId)).map((n) => n.spec.nodeId);
  await waitFor(`${nodeId} to know its subtree`, async () => {
    const { body } = await federation.http<Array<{ nodeId: string }>>(nodeId, 'GET', '/federation/nodes');
    const known = new Set(body.map((n) => n.nodeId));
    return below.every((id) => known.has(id));
  });
}

export const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
