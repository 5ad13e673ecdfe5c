import { issueCertificate, NodeCertificate } from './certificate';
import { generateSigningKeyPair, SigningKeyPair } from './keys';
import { Body, BODIES, BoxKeyPair, generateBoxKeyPair } from './sealed-box';
import { CENTRAL_NODE_ID, NodeTier } from './tier';

/** What a node needs to be itself: its key, its certificate chain, and the root it trusts. */
export interface IdentityBundle {
  key: SigningKeyPair;
  /** This node's certificate first, central's self-signed root last. */
  chain: NodeCertificate[];
  rootPublicKey: string;
  /** X25519 keys of the node's receiving bodies: what is sealed to them only this node can open. */
  bodies?: Partial<Record<Body, BoxKeyPair>>;
}

export function generateBodyKeys(): Record<Body, BoxKeyPair> {
  return Object.fromEntries(BODIES.map((body) => [body, generateBoxKeyPair()])) as Record<
    Body,
    BoxKeyPair
  >;
}

export interface NodeSpec {
  nodeId: string;
  name: string;
  tier: NodeTier;
  parentId: string | null;
}

const FIVE_YEARS_MS = 5 * 365 * 24 * 3600_000;

/**
 * Generates keys for a tree of nodes and certifies each by its parent, central
 * self-signed. Parents must come before their children in `nodes`. Used by the operator
 * CLI for a local federation and by the test harness; a real deployment certifies each
 * node at its parent's office (see docs/security.md).
 */
export function provisionTree(
  nodes: NodeSpec[],
  now: Date = new Date(),
): Map<string, IdentityBundle> {
  const validity = {
    notBefore: new Date(now.getTime() - 3600_000).toISOString(),
    notAfter: new Date(now.getTime() + FIVE_YEARS_MS).toISOString(),
  };
  const bundles = new Map<string, IdentityBundle>();
  let rootPublicKey: string | undefined;
  for (const spec of nodes) {
    const key = generateSigningKeyPair();
    if (spec.parentId === null) {
      if (spec.nodeId !== CENTRAL_NODE_ID || spec.tier !== 'central')
        throw new Error('the root of the tree is central, 000000');
      const cert = issueCertificate(
        { ...spec, publicKey: key.publicKey, ...validity },
        { nodeId: spec.nodeId, keyId: key.keyId, privateKey: key.privateKey },
      );
      rootPublicKey = key.publicKey;
      bundles.set(spec.nodeId, { key, chain: [cert], rootPublicKey, bodies: generateBodyKeys() });
      continue;
    }
    const parent = bundles.get(spec.parentId);
    if (!parent || !rootPublicKey)
      throw new Error(`parent ${spec.parentId} of ${spec.nodeId} must be listed before it`);
    const cert = issueCertificate(
      { ...spec, publicKey: key.publicKey, ...validity },
      { nodeId: spec.parentId, keyId: parent.key.keyId, privateKey: parent.key.privateKey },
    );
    bundles.set(spec.nodeId, {
      key,
      chain: [cert, ...parent.chain],
      rootPublicKey,
      bodies: generateBodyKeys(),
    });
  }
  return bundles;
}
