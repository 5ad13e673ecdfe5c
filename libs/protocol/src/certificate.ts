import { canonicalize } from './canonical-json';
import { keyIdOf, signBytes, verifyBytes } from './keys';
import {
  CENTRAL_NODE_ID,
  CENTRAL_UNIT,
  isCentralUnitId,
  mayCertify,
  NODE_ID_PATTERN,
  NODE_TIERS,
  NodeTier,
} from './tier';

const CERTIFICATE_DOMAIN = 'liandong-certificate-v1\n';

/**
 * A node certificate binds a node's identity and place in the tree to one Ed25519 key.
 * Central's certificate is self-signed and is the trust anchor every node is configured
 * with; every other certificate is signed by its parent's key.
 */
export interface NodeCertificate {
  version: 1;
  nodeId: string;
  name: string;
  tier: NodeTier;
  parentId: string | null;
  keyId: string;
  publicKey: string;
  notBefore: string;
  notAfter: string;
  signerNodeId: string;
  signerKeyId: string;
  signature: string;
}

export type UnsignedCertificate = Omit<
  NodeCertificate,
  'signature' | 'version' | 'keyId' | 'signerNodeId' | 'signerKeyId'
>;

export function certificateSigningInput(cert: Omit<NodeCertificate, 'signature'>): Buffer {
  return Buffer.from(CERTIFICATE_DOMAIN + canonicalize(cert), 'utf8');
}

export function issueCertificate(
  subject: UnsignedCertificate,
  signer: { nodeId: string; keyId: string; privateKey: string },
): NodeCertificate {
  const unsigned: Omit<NodeCertificate, 'signature'> = {
    version: 1,
    ...subject,
    keyId: keyIdOf(subject.publicKey),
    signerNodeId: signer.nodeId,
    signerKeyId: signer.keyId,
  };
  return {
    ...unsigned,
    signature: signBytes(signer.privateKey, certificateSigningInput(unsigned)),
  };
}

export function certificateSignatureValid(cert: NodeCertificate, signerPublicKey: string): boolean {
  const { signature, ...unsigned } = cert;
  return verifyBytes(signerPublicKey, certificateSigningInput(unsigned), signature);
}

/** Problems with a certificate's own fields, independent of its signer. */
export function certificateShapeProblems(cert: NodeCertificate): string[] {
  const problems: string[] = [];
  if (cert.version !== 1) problems.push('version must be 1');
  if (!NODE_ID_PATTERN.test(cert.nodeId ?? ''))
    problems.push('nodeId must be a six-digit division code');
  if (!NODE_TIERS.includes(cert.tier))
    problems.push(`tier must be one of ${NODE_TIERS.join(', ')}`);
  if ((cert.tier === CENTRAL_UNIT) !== isCentralUnitId(cert.nodeId ?? ''))
    problems.push('a central unit, and only a central unit, has a node id 91xxxx–93xxxx');
  if (cert.tier === 'central') {
    if (cert.parentId !== null || cert.nodeId !== CENTRAL_NODE_ID)
      problems.push('only 000000 is central, without parent');
  } else if (!NODE_ID_PATTERN.test(cert.parentId ?? '')) {
    problems.push('parentId must be a six-digit division code');
  }
  if (typeof cert.publicKey !== 'string' || keyIdOf(cert.publicKey) !== cert.keyId) {
    problems.push('keyId does not match publicKey');
  }
  if (Number.isNaN(Date.parse(cert.notBefore)) || Number.isNaN(Date.parse(cert.notAfter))) {
    problems.push('notBefore and notAfter must be timestamps');
  }
  return problems;
}

/** Checks that `child` is a well-formed child of `parent` in the tier tree. */
export function parentageProblems(child: NodeCertificate, parent: NodeCertificate): string[] {
  const problems: string[] = [];
  if (child.parentId !== parent.nodeId)
    problems.push(`certificate names parent ${child.parentId}, signer is ${parent.nodeId}`);
  if (!mayCertify(parent.tier, child.tier))
    problems.push(`a ${parent.tier} node cannot certify a ${child.tier} node`);
  if (child.signerKeyId !== parent.keyId)
    problems.push('certificate was not signed by the parent key');
  return problems;
}
