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
  /** Division codes from central down to the key's node. */
  path: string[];
  /** When the key was revoked (by a valid revocation from its parent), if it was. */
  revokedAt: string | null;
}

export type CertificateLookup = (keyId: string) => Promise<NodeCertificate | undefined>;
export type RevocationLookup = (keyId: string) => Promise<KeyRevocation | undefined>;

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
  lookup: CertificateLookup,
  rootPublicKey: string,
  at: Date,
  revocations?: RevocationLookup,
): Promise<VerifiedKey> {
  const chain: NodeCertificate[] = [];
  let nextKeyId: string | undefined = keyId;
  while (nextKeyId) {
    if (chain.length > TIERS.length)
      throw new RefusalError('UNTRUSTED_KEY', 'certificate chain is too long');
    const cert = await lookup(nextKeyId);
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
  return { certificate: chain[0], path: chain.map((cert) => cert.nodeId).reverse(), revokedAt };
}

/** The revocation time of a certificate's key, if a revocation signed by its parent node verifies. */
async function validRevocation(
  cert: NodeCertificate,
  lookup: CertificateLookup,
  rootPublicKey: string,
  at: Date,
  revocations: RevocationLookup,
): Promise<string | null> {
  if (!cert.parentId) return null; // the root is replaced, not revoked
  const revocation = await revocations(cert.keyId);
  if (
    !revocation ||
    revocation.version !== 1 ||
    revocation.keyId !== cert.keyId ||
    revocation.nodeId !== cert.nodeId
  )
    return null;
  if (Number.isNaN(Date.parse(revocation.revokedAt))) return null;
  try {
    const signer = await verifyKeyChain(
      revocation.signerKeyId,
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
