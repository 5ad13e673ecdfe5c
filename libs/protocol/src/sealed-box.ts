import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import { canonicalize } from './canonical-json';
import { fromBase64Url, toBase64Url } from './base64url';
import { signBytes, verifyBytes } from './keys';

/**
 * The bodies of a node that hold box keys of their own: the receiving bodies (移交受理机关) —
 * discipline, organization, audit, petitions, judicial — and the inspection office, which holds
 * what is sealed to the node's inspection teams (answers to information and support requests,
 * opened only for a member of the requesting inspection's team).
 */
export const BODIES = [
  'discipline',
  'organization',
  'audit',
  'petitions',
  'judicial',
  'inspection_office',
] as const;
export type Body = (typeof BODIES)[number];
export const BODY_LABELS: Record<Body, string> = {
  discipline: '纪检监察机关',
  organization: '组织部门',
  audit: '审计机关',
  petitions: '信访部门',
  judicial: '司法机关',
  inspection_office: '巡视巡察机构',
};

const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const BOX_INFO = 'liandong-sealed-box-v1';
export const SEALED_BOX_ALGORITHM = 'x25519-hkdf-sha256-aes256gcm';

export interface BoxKeyPair {
  keyId: string;
  publicKey: string;
  privateKey: string;
}

/** A value only the holder of one X25519 key can read (anonymous sender, like libsodium's sealed box). */
export interface SealedBox {
  alg: typeof SEALED_BOX_ALGORITHM;
  /** Who can open it: a receiving body of a node, and the key it was sealed to. */
  recipientNode: string;
  body: Body;
  kid: string;
  /** Ephemeral X25519 public key, IV, ciphertext and GCM tag, base64url. */
  epk: string;
  iv: string;
  ct: string;
  tag: string;
}

export function boxKeyId(publicKey: string): string {
  return createHash('sha256').update(fromBase64Url(publicKey)).digest('hex').slice(0, 32);
}

export function generateBoxKeyPair(): BoxKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const pub = toBase64Url(
    publicKey.export({ format: 'der', type: 'spki' }).subarray(X25519_SPKI_PREFIX.length),
  );
  const priv = toBase64Url(
    privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(X25519_PKCS8_PREFIX.length),
  );
  return { keyId: boxKeyId(pub), publicKey: pub, privateKey: priv };
}

const publicObject = (raw: string) =>
  createPublicKey({
    key: Buffer.concat([X25519_SPKI_PREFIX, fromBase64Url(raw)]),
    format: 'der',
    type: 'spki',
  });
const privateObject = (raw: string) =>
  createPrivateKey({
    key: Buffer.concat([X25519_PKCS8_PREFIX, fromBase64Url(raw)]),
    format: 'der',
    type: 'pkcs8',
  });

function boxKey(shared: Buffer, epk: string, recipientPublicKey: string): Buffer {
  const salt = Buffer.concat([fromBase64Url(epk), fromBase64Url(recipientPublicKey)]);
  return Buffer.from(hkdfSync('sha256', shared, salt, BOX_INFO, 32));
}

const aad = (box: Pick<SealedBox, 'recipientNode' | 'body' | 'kid' | 'epk'>) =>
  Buffer.from(`${BOX_INFO}\n${box.recipientNode}\n${box.body}\n${box.kid}\n${box.epk}`, 'utf8');

/** Seals UTF-8 text to a body's public key: X25519 with an ephemeral key, HKDF-SHA256, AES-256-GCM. */
export function seal(
  text: string,
  recipient: { nodeId: string; body: Body; publicKey: string },
): SealedBox {
  const ephemeral = generateKeyPairSync('x25519');
  const epk = toBase64Url(
    ephemeral.publicKey.export({ format: 'der', type: 'spki' }).subarray(X25519_SPKI_PREFIX.length),
  );
  const shared = diffieHellman({
    privateKey: ephemeral.privateKey,
    publicKey: publicObject(recipient.publicKey),
  });
  const header = {
    recipientNode: recipient.nodeId,
    body: recipient.body,
    kid: boxKeyId(recipient.publicKey),
    epk,
  };
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', boxKey(shared, epk, recipient.publicKey), iv);
  cipher.setAAD(aad(header));
  const ct = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return {
    alg: SEALED_BOX_ALGORITHM,
    ...header,
    iv: toBase64Url(iv),
    ct: toBase64Url(ct),
    tag: toBase64Url(cipher.getAuthTag()),
  };
}

/** Opens a sealed box with the body's key pair; throws if it was not sealed to it or was altered. */
export function open(box: SealedBox, key: BoxKeyPair): string {
  if (box.alg !== SEALED_BOX_ALGORITHM || box.kid !== key.keyId)
    throw new Error('this box was not sealed to this key');
  const shared = diffieHellman({
    privateKey: privateObject(key.privateKey),
    publicKey: publicObject(box.epk),
  });
  const decipher = createDecipheriv(
    'aes-256-gcm',
    boxKey(shared, box.epk, key.publicKey),
    fromBase64Url(box.iv),
  );
  decipher.setAAD(aad(box));
  decipher.setAuthTag(fromBase64Url(box.tag));
  return Buffer.concat([decipher.update(fromBase64Url(box.ct)), decipher.final()]).toString('utf8');
}

/** A body's public key, certified by its node's signing key, published in the key registry. */
export interface BodyKeyCertificate {
  version: 1;
  nodeId: string;
  body: Body;
  keyId: string;
  publicKey: string;
  notBefore: string;
  notAfter: string;
  signerKeyId: string;
  signature: string;
}

const BODY_KEY_DOMAIN = 'liandong-body-key-v1\n';
const bodySigningInput = (cert: Omit<BodyKeyCertificate, 'signature'>) =>
  Buffer.from(BODY_KEY_DOMAIN + canonicalize(cert), 'utf8');

export function certifyBodyKey(
  subject: { nodeId: string; body: Body; publicKey: string; notBefore: string; notAfter: string },
  signer: { keyId: string; privateKey: string },
): BodyKeyCertificate {
  const unsigned = {
    version: 1 as const,
    ...subject,
    keyId: boxKeyId(subject.publicKey),
    signerKeyId: signer.keyId,
  };
  return { ...unsigned, signature: signBytes(signer.privateKey, bodySigningInput(unsigned)) };
}

export function bodyKeySignatureValid(cert: BodyKeyCertificate, signerPublicKey: string): boolean {
  const { signature, ...unsigned } = cert;
  return verifyBytes(signerPublicKey, bodySigningInput(unsigned), signature);
}

export function bodyKeyRegistryKey(nodeId: string, body: Body): string {
  return `body.${nodeId}.${body}`;
}
