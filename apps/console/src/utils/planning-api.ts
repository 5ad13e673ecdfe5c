import { api, must } from '@/api/client';
import { useAuth } from '@/store/auth';
import type { FederationNode } from './planning';

/** The calls the planning pages share beyond one-line reads. */

/** This node's registered subtree (names of the children and descendants), or none. */
export async function subtreeNodes(): Promise<FederationNode[]> {
  return must(api.GET('/federation/nodes')).catch(() => []);
}

/** The code of the node the console is signed in at. */
export async function selfNode(): Promise<string> {
  const auth = useAuth();
  await auth.loadNode().catch(() => undefined);
  return auth.node?.nodeId ?? '';
}
