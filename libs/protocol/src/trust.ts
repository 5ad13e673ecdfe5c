import {
  certificateShapeProblems,
  certificateSignatureValid,
  NodeCertificate,
  parentageProblems,
} from './certificate';
import { RefusalError } from './errors';
import { TIERS } from './tier';

export interface VerifiedKey {
  certificate: NodeCertificate;
  /** Division codes from central down to the key's node. */
  path: string[];
}

export type CertificateLookup = (keyId: string) => Promise<NodeCertificate | undefined>;

/**
 * Walks a key's certificate chain up to central's self-signed root and checks every link:
 * shape, signature, parentage, tier order, validity at `at`, and that the root key is the
 * trust anchor this node was configured with.
 */
export async function verifyKeyChain(
  keyId: string,
  lookup: CertificateLookup,
  rootPublicKey: string,
  at: Date,
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
  return { certificate: chain[0], path: chain.map((cert) => cert.nodeId).reverse() };
}
