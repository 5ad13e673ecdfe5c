import { canonicalize } from './canonical-json';
import { signBytes, verifyBytes } from './keys';

const REVOCATION_DOMAIN = 'liandong-revocation-v1\n';

/**
 * A key's revocation, signed by a key of the revoked node's parent. Envelopes signed
 * with the key at or after `revokedAt` are refused; earlier ones still verify.
 */
export interface KeyRevocation {
  version: 1;
  keyId: string;
  nodeId: string;
  revokedAt: string;
  reason: string;
  signerNodeId: string;
  signerKeyId: string;
  signature: string;
}

export function revocationSigningInput(revocation: Omit<KeyRevocation, 'signature'>): Buffer {
  return Buffer.from(REVOCATION_DOMAIN + canonicalize(revocation), 'utf8');
}

export function issueRevocation(
  subject: { keyId: string; nodeId: string; revokedAt: Date; reason: string },
  signer: { nodeId: string; keyId: string; privateKey: string },
): KeyRevocation {
  const unsigned: Omit<KeyRevocation, 'signature'> = {
    version: 1,
    keyId: subject.keyId,
    nodeId: subject.nodeId,
    revokedAt: subject.revokedAt.toISOString(),
    reason: subject.reason,
    signerNodeId: signer.nodeId,
    signerKeyId: signer.keyId,
  };
  return { ...unsigned, signature: signBytes(signer.privateKey, revocationSigningInput(unsigned)) };
}

export function revocationSignatureValid(
  revocation: KeyRevocation,
  signerPublicKey: string,
): boolean {
  const { signature, ...unsigned } = revocation;
  return verifyBytes(signerPublicKey, revocationSigningInput(unsigned), signature);
}

/**
 * Key-registry key under which a revocation is published: filed under the node that signed
 * it (the revoked node's parent), which alone may write there (protocol.md §2.5).
 */
export function revocationRegistryKey(signerNodeId: string, keyId: string): string {
  return `revoked.${signerNodeId}.${keyId}`;
}

/** Key-registry key of a node's certificate, filed under that node. */
export function certificateRegistryKey(nodeId: string, keyId: string): string {
  return `cert.${nodeId}.${keyId}`;
}
