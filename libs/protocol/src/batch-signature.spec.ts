import {
  batchSign,
  headFromProof,
  envelopeLeafHash,
  merkleTreeHead,
  parseBatchSignature,
} from './batch-signature';
import { buildEnvelope, Envelope, envelopeShapeProblems, envelopeSignatureValid } from './envelope';
import { generateSigningKeyPair } from './keys';

const key = generateSigningKeyPair();

function batch(count: number): Envelope[] {
  const issuedAt = new Date('2026-12-03T08:00:00Z');
  return batchSign(
    Array.from({ length: count }, (_, i) =>
      buildEnvelope({
        type: 'directive.acknowledged.v1',
        issuer: '130000',
        keyId: key.keyId,
        audience: 'node:000000',
        seq: i + 1,
        payload: { directiveId: '0192f0a0-0000-7000-8000-000000000001', n: i },
        issuedAt,
        ttlMs: 86_400_000,
      }),
    ),
    key.privateKey,
  );
}

describe('batch signatures (protocol.md §3.1)', () => {
  it.each([2, 3, 5, 8, 13, 64, 100])(
    'every member of a batch of %i verifies on its own, with a proof of at most ⌈log2 n⌉ hashes',
    (count) => {
      const members = batch(count);
      for (const member of members) {
        expect(envelopeShapeProblems(member)).toEqual([]);
        expect(envelopeSignatureValid(member, key.publicKey)).toBe(true);
        expect(parseBatchSignature(member.signature)?.proof.length).toBeLessThanOrEqual(
          Math.ceil(Math.log2(count)),
        );
      }
    },
  );

  it('refuses the one member whose content was changed, and the others still verify', () => {
    const members = batch(7);
    const tampered = members.map((m, i) =>
      i === 4 ? { ...m, payload: { ...(m.payload as object), n: 99 } } : m,
    );
    expect(tampered.map((m) => envelopeSignatureValid(m, key.publicKey))).toEqual([
      true,
      true,
      true,
      true,
      false,
      true,
      true,
    ]);
  });

  it('refuses a member moved to another index, a signature of another key, and a 1.0 reader', () => {
    const [first, second] = batch(4);
    const moved = { ...first, signature: first.signature.replace(/^mt1\.4\.0\./, 'mt1.4.1.') };
    expect(envelopeSignatureValid(moved, key.publicKey)).toBe(false);
    expect(envelopeSignatureValid(second, generateSigningKeyPair().publicKey)).toBe(false);
    // A node of protocol 1.0 reads no batch signature.
    expect(envelopeSignatureValid(second, key.publicKey, false)).toBe(false);
  });

  it('computes the tree head of RFC 9162 §2.1.1, which every inclusion proof leads back to', () => {
    const members = batch(6);
    const leaves = members.map((member) => {
      const unsigned: Partial<Envelope> = { ...member };
      delete unsigned.signature;
      return envelopeLeafHash(unsigned);
    });
    const head = merkleTreeHead(leaves);
    members.forEach((member, index) => {
      const parsed = parseBatchSignature(member.signature);
      expect(parsed).not.toBeNull();
      expect(headFromProof(leaves[index], index, 6, parsed?.proof ?? [])?.equals(head)).toBe(true);
    });
    // The same proof at a wrong tree size does not lead anywhere.
    const proof = parseBatchSignature(members[5].signature)?.proof ?? [];
    expect(headFromProof(leaves[5], 5, 9, proof)?.equals(head) ?? false).toBe(false);
  });
});
