import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { fromBase64Url, toBase64Url } from './base64url';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** DER prefix of an Ed25519 PKCS#8 private key; the raw 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** An Ed25519 key pair in its portable form: raw 32-byte public key and seed, base64url. */
export interface SigningKeyPair {
  keyId: string;
  publicKey: string;
  privateKey: string;
}

/** Key id: the first 16 bytes of SHA-256 over the raw public key, as lowercase hex. */
export function keyIdOf(publicKey: string): string {
  return createHash('sha256').update(fromBase64Url(publicKey)).digest('hex').slice(0, 32);
}

export function generateSigningKeyPair(): SigningKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const rawPublic = publicKey
    .export({ format: 'der', type: 'spki' })
    .subarray(ED25519_SPKI_PREFIX.length);
  const seed = privateKey
    .export({ format: 'der', type: 'pkcs8' })
    .subarray(ED25519_PKCS8_PREFIX.length);
  const publicText = toBase64Url(rawPublic);
  return { keyId: keyIdOf(publicText), publicKey: publicText, privateKey: toBase64Url(seed) };
}

const publicKeyCache = new Map<string, KeyObject>();

function publicKeyObject(publicKey: string): KeyObject {
  let key = publicKeyCache.get(publicKey);
  if (!key) {
    const raw = fromBase64Url(publicKey);
    if (raw.length !== 32) throw new TypeError('an Ed25519 public key has 32 bytes');
    key = createPublicKey({
      key: Buffer.concat([ED25519_SPKI_PREFIX, raw]),
      format: 'der',
      type: 'spki',
    });
    publicKeyCache.set(publicKey, key);
  }
  return key;
}

const privateKeyCache = new Map<string, KeyObject>();

function privateKeyObject(privateKey: string): KeyObject {
  let key = privateKeyCache.get(privateKey);
  if (!key) {
    const seed = fromBase64Url(privateKey);
    if (seed.length !== 32) throw new TypeError('an Ed25519 private key seed has 32 bytes');
    key = createPrivateKey({
      key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
      format: 'der',
      type: 'pkcs8',
    });
    privateKeyCache.set(privateKey, key);
  }
  return key;
}

export function signBytes(privateKey: string, data: Uint8Array): string {
  return toBase64Url(sign(null, data, privateKeyObject(privateKey)));
}

/** False for a bad signature and for any malformed key or signature text. */
export function verifyBytes(publicKey: string, data: Uint8Array, signature: string): boolean {
  try {
    const sig = fromBase64Url(signature);
    if (sig.length !== 64) return false;
    return verify(null, data, publicKeyObject(publicKey), sig);
  } catch {
    return false;
  }
}
