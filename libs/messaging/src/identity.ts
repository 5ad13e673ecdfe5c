import { Body, BoxKeyPair, NodeCertificate, SigningKeyPair, NodeTier } from '@liandong/protocol';

/**
 * Who this node is: its place in the tree, its signing key and the certificates that
 * prove it (its own first, central's root last), plus the root key it trusts.
 */
export interface NodeIdentity {
  nodeId: string;
  name: string;
  tier: NodeTier;
  parentId: string | null;
  /** Division codes from central down to this node. */
  path: string[];
  key: SigningKeyPair;
  chain: NodeCertificate[];
  rootPublicKey: string;
  /** The receiving bodies' X25519 keys held by this node. */
  bodies: Partial<Record<Body, BoxKeyPair>>;
}

export function identityFromChain(
  key: SigningKeyPair,
  chain: NodeCertificate[],
  rootPublicKey: string,
  bodies: Partial<Record<Body, BoxKeyPair>> = {},
): NodeIdentity {
  const own = chain[0];
  if (!own || own.keyId !== key.keyId)
    throw new Error('the first certificate of the chain must be for this node key');
  return {
    nodeId: own.nodeId,
    name: own.name,
    tier: own.tier,
    parentId: own.parentId,
    path: chain.map((cert) => cert.nodeId).reverse(),
    key,
    chain,
    rootPublicKey,
    bodies,
  };
}
