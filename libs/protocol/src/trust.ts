import {
  certificateShapeProblems,
  certificateSignatureValid,
  NodeCertificate,
  parentageProblems,
} from './certificate';
import { RefusalError } from './errors';
import { KeyRevocation, revocationSignatureValid } from './revocation';
import { TIERS } from './tier';

export interface VerifiedKey {
  certificate: NodeCertificate;
  /** The certificates from the key's own up to central's root, as verified. */
  chain: NodeCertificate[];
  /** Division codes from central down to the key's node. */
  path: string[];
  /** When the key was revoked (by a valid revocation from its parent), if it was. */
  revokedAt: string | null;
}

/**
 * A certificate by key id; `nodeId` is the node the key should belong to (the envelope's
 * issuer, a child's parent, a revocation's signer): the registry files each node's
 * certificates under that node (protocol.md §2.5).
 */
export type CertificateLookup = (
  keyId: string,
  nodeId: string,
) => Promise<NodeCertificate | undefined>;
/** Every revocation known for a key id, whoever signed it; verifyKeyChain keeps the parent's. */
export type RevocationLookup = (keyId: string) => Promise<KeyRevocation[]>;

/**
 * Walks a key's certificate chain up to central's self-signed root and checks every link:
 * shape, signature, parentage, tier order, validity at `at`, and that the root key is the
 * trust anchor this node was configured with. With a revocation lookup it also applies
 * revocations signed by the revoked node's parent: a certificate whose validity starts
 * at or after its signer's revocation is refused, and the key's own revocation time is
 * returned for the caller to compare with what the key signed. A revocation that does
 * not verify is ignored (it cannot be used to deny service).
 */
export async function verifyKeyChain(
  keyId: string,
  nodeId: string,
  lookup: CertificateLookup,
  rootPublicKey: string,
  at: Date,
  revocations?: RevocationLookup,
): Promise<VerifiedKey> {
  const chain: NodeCertificate[] = [];
  let nextKeyId: string | undefined = keyId;
  let nextNodeId = nodeId;
  while (nextKeyId) {
    if (chain.length > TIERS.length)
      throw new RefusalError('UNTRUSTED_KEY', 'certificate chain is too long');
    const cert = await lookup(nextKeyId, nextNodeId);
    if (!cert) {
      throw new RefusalError(
        'UNKNOWN_KEY',
        `no certificate for key ${nextKeyId} in the key registry`,
      );
    }
    if (cert.keyId !== nextKeyId)
      throw new RefusalError('UNTRUSTED_KEY', `registry returned a certificate for another key`);
    const shape = certificateShapeProblems(cert);
    if (shape.length > 0)
      throw new RefusalError('UNTRUSTED_KEY', `certificate of ${cert.nodeId}: ${shape.join('; ')}`);
    if (Date.parse(cert.notBefore) > at.getTime() || Date.parse(cert.notAfter) < at.getTime()) {
      throw new RefusalError(
        'UNTRUSTED_KEY',
        `certificate of ${cert.nodeId} is not valid at ${at.toISOString()}`,
      );
    }
    const child = chain[chain.length - 1];
    if (child) {
      const parentage = parentageProblems(child, cert);
      if (parentage.length > 0) throw new RefusalError('UNTRUSTED_KEY', parentage.join('; '));
      if (!certificateSignatureValid(child, cert.publicKey)) {
        throw new RefusalError(
          'UNTRUSTED_KEY',
          `certificate of ${child.nodeId} has a bad signature`,
        );
      }
    }
    chain.push(cert);
    nextKeyId = cert.tier === 'central' ? undefined : cert.signerKeyId;
    nextNodeId = cert.parentId ?? cert.nodeId;
  }
  const root = chain[chain.length - 1];
  if (root.publicKey !== rootPublicKey || !certificateSignatureValid(root, root.publicKey)) {
    throw new RefusalError(
      'UNTRUSTED_KEY',
      'certificate chain does not end at the configured central root key',
    );
  }
  let revokedAt: string | null = null;
  if (revocations) {
    for (const [index, cert] of chain.entries()) {
      const revoked = await validRevocation(cert, lookup, rootPublicKey, at, revocations);
      if (!revoked) continue;
      if (index === 0) revokedAt = revoked;
      else if (Date.parse(chain[index - 1].notBefore) >= Date.parse(revoked)) {
        throw new RefusalError(
          'UNTRUSTED_KEY',
          `certificate of ${chain[index - 1].nodeId} was signed by a key of ${cert.nodeId} revoked at ${revoked}`,
        );
      }
    }
  }
  return {
    certificate: chain[0],
    chain,
    path: chain.map((cert) => cert.nodeId).reverse(),
    revokedAt,
  };
}

/**
 * The revocation time of a certificate's key: the earliest of the revocations known for it
 * that are signed by its parent node's unrevoked key and verify. Others — signed by anyone
 * else, or not verifying — are ignored (they cannot be used to deny service).
 */
async function validRevocation(
  cert: NodeCertificate,
  lookup: CertificateLookup,
  rootPublicKey: string,
  at: Date,
  revocations: RevocationLookup,
): Promise<string | null> {
  if (!cert.parentId) return null; // the root is replaced, not revoked
  let earliest: string | null = null;
  for (const revocation of await revocations(cert.keyId)) {
    const revokedAt = await parentRevocation(
      cert,
      revocation,
      lookup,
      rootPublicKey,
      at,
      revocations,
    );
    if (revokedAt && (!earliest || Date.parse(revokedAt) < Date.parse(earliest)))
      earliest = revokedAt;
  }
  return earliest;
}

async function parentRevocation(
  cert: NodeCertificate,
  revocation: KeyRevocation,
  lookup: CertificateLookup,
  rootPublicKey: string,
  at: Date,
  revocations: RevocationLookup,
): Promise<string | null> {
  if (
    revocation.version !== 1 ||
    revocation.keyId !== cert.keyId ||
    revocation.nodeId !== cert.nodeId ||
    revocation.signerNodeId !== cert.parentId ||
    Number.isNaN(Date.parse(revocation.revokedAt))
  )
    return null;
  try {
    const signer = await verifyKeyChain(
      revocation.signerKeyId,
      revocation.signerNodeId,
      lookup,
      rootPublicKey,
      at,
      revocations,
    );
    const signerNode = signer.path[signer.path.length - 1];
    if (signerNode !== cert.parentId || signer.revokedAt !== null) return null;
    return revocationSignatureValid(revocation, signer.certificate.publicKey)
      ? revocation.revokedAt
      : null;
  } catch (error) {
    // A revocation whose signer does not verify is ignored; one that cannot be checked now
    // (the registry did not answer) must not be taken as absent.
    if (error instanceof RefusalError) return null;
    throw error;
  }
}
