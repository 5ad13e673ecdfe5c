import { createHash } from 'node:crypto';
import { fromBase64Url, toBase64Url } from './base64url';
import { canonicalize } from './canonical-json';
import { signBytes, verifyBytes } from './keys';

/**
 * Batch signatures (protocol.md §3.1): one Ed25519 signature over the Merkle tree head of
 * several envelopes (RFC 9162 §2.1), each envelope carrying the signed head, its index and
 * its inclusion proof in its `signature` member. Every member verifies on its own, so a
 * member can be forwarded, held or refused alone; a receiver that has verified a head once
 * checks the next member of the same batch with hashes only.
 */

export const BATCH_SIGNATURE_FORM = 'mt1';
/** The most members one batch signature covers (its inclusion proofs stay ≤ 10 hashes). */
export const MAX_BATCH_MEMBERS = 1024;
const ENVELOPE_DOMAIN = 'liandong-envelope-v1\n';
const HEAD_DOMAIN = 'liandong-batch-v1\n';
const B64_HASH = '[A-Za-z0-9_-]{43}';
export const BATCH_SIGNATURE_PATTERN = new RegExp(
  `^mt1\\.[1-9][0-9]{0,3}\\.(?:0|[1-9][0-9]{0,3})\\.[A-Za-z0-9_-]{86}(?:\\.${B64_HASH}){0,10}$`,
);

const sha256 = (...parts: Buffer[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

/** RFC 9162 leaf hash of an envelope without its signature: SHA-256(0x00 ‖ signing input). */
export function envelopeLeafHash(unsigned: object): Buffer {
  return sha256(LEAF, Buffer.from(ENVELOPE_DOMAIN + canonicalize(unsigned), 'utf8'));
}

/** The largest power of two smaller than n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** RFC 9162 §2.1.1 Merkle tree hash over leaf hashes. */
export function merkleTreeHead(leaves: Buffer[]): Buffer {
  if (leaves.length === 1) return leaves[0];
  const k = split(leaves.length);
  return sha256(NODE, merkleTreeHead(leaves.slice(0, k)), merkleTreeHead(leaves.slice(k)));
}

/** RFC 9162 §2.1.3.1 inclusion proof of leaf `index`, nearest sibling first. */
export function inclusionProof(leaves: Buffer[], index: number): Buffer[] {
  return inclusionProofs(leaves).proofs[index];
}

/** The tree head and every leaf's inclusion proof, in one pass (n log n hashes). */
export function inclusionProofs(leaves: Buffer[]): { head: Buffer; proofs: Buffer[][] } {
  if (leaves.length === 1) return { head: leaves[0], proofs: [[]] };
  const k = split(leaves.length);
  const left = inclusionProofs(leaves.slice(0, k));
  const right = inclusionProofs(leaves.slice(k));
  for (const proof of left.proofs) proof.push(right.head);
  for (const proof of right.proofs) proof.push(left.head);
  return { head: sha256(NODE, left.head, right.head), proofs: [...left.proofs, ...right.proofs] };
}

/** RFC 9162 §2.1.3.2: the tree head a leaf and its proof lead to, or null if the proof does not fit. */
export function headFromProof(
  leaf: Buffer,
  index: number,
  size: number,
  proof: Buffer[],
): Buffer | null {
  if (index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = sha256(NODE, p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = sha256(NODE, r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

/** What the issuer's key signs for a batch: the domain, the member count and the tree head. */
export function batchHeadSigningInput(size: number, head: Buffer): Buffer {
  return Buffer.from(`${HEAD_DOMAIN}${size}\n${head.toString('hex')}`, 'utf8');
}

export interface BatchSignature {
  size: number;
  index: number;
  headSignature: string;
  proof: Buffer[];
}

export function parseBatchSignature(text: string): BatchSignature | null {
  if (!BATCH_SIGNATURE_PATTERN.test(text)) return null;
  const [, size, index, headSignature, ...proof] = text.split('.');
  return {
    size: Number(size),
    index: Number(index),
    headSignature,
    proof: proof.map((p) => fromBase64Url(p)),
  };
}

export function isBatchSignature(signature: string): boolean {
  return signature.startsWith(`${BATCH_SIGNATURE_FORM}.`);
}

/**
 * Signs several unsigned envelopes with one signature: each gets `mt1.<size>.<index>.<head
 * signature>.<proof…>`. The envelopes come back in the given order.
 */
export function batchSign<T extends object>(
  unsigned: T[],
  privateKey: string,
): Array<T & { signature: string }> {
  if (unsigned.length < 2 || unsigned.length > MAX_BATCH_MEMBERS)
    throw new RangeError(`a batch signature covers 2 to ${MAX_BATCH_MEMBERS} envelopes`);
  const leaves = unsigned.map((u) => envelopeLeafHash(u));
  const { head, proofs } = inclusionProofs(leaves);
  const headSignature = signBytes(privateKey, batchHeadSigningInput(leaves.length, head));
  return unsigned.map((u, index) => ({
    ...u,
    signature: [
      BATCH_SIGNATURE_FORM,
      leaves.length,
      index,
      headSignature,
      ...proofs[index].map((p) => toBase64Url(p)),
    ].join('.'),
  }));
}

/** Heads already verified, so the other members of a batch cost hashes only. */
const verifiedHeads = new Set<string>();
const VERIFIED_HEADS_KEPT = 4096;

/** Whether a batch-signed envelope's proof leads to a head its issuer's key signed. */
export function batchSignatureValid(
  unsigned: object,
  signature: string,
  publicKey: string,
): boolean {
  const parsed = parseBatchSignature(signature);
  if (!parsed) return false;
  const head = headFromProof(envelopeLeafHash(unsigned), parsed.index, parsed.size, parsed.proof);
  if (!head) return false;
  const key = `${publicKey}.${parsed.size}.${head.toString('base64')}.${parsed.headSignature}`;
  if (verifiedHeads.has(key)) return true;
  if (!verifyBytes(publicKey, batchHeadSigningInput(parsed.size, head), parsed.headSignature))
    return false;
  if (verifiedHeads.size >= VERIFIED_HEADS_KEPT) verifiedHeads.clear();
  verifiedHeads.add(key);
  return true;
}
