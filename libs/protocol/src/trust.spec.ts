import { issueCertificate, NodeCertificate } from './certificate';
import {
  buildEnvelope,
  envelopeShapeProblems,
  envelopeSignatureValid,
  signEnvelope,
} from './envelope';
import { RefusalError } from './errors';
import { payloadProblems } from './events/catalogue';
import { generateSigningKeyPair, SigningKeyPair } from './keys';
import { verifyKeyChain } from './trust';

const at = new Date('2026-11-26T00:00:00Z');
const validity = { notBefore: '2026-01-01T00:00:00Z', notAfter: '2031-01-01T00:00:00Z' };

function tree() {
  const rootKey = generateSigningKeyPair();
  const root = issueCertificate(
    {
      nodeId: '000000',
      name: '中央',
      tier: 'central',
      parentId: null,
      publicKey: rootKey.publicKey,
      ...validity,
    },
    { nodeId: '000000', keyId: rootKey.keyId, privateKey: rootKey.privateKey },
  );
  const provKey = generateSigningKeyPair();
  const prov = issueCertificate(
    {
      nodeId: '130000',
      name: '河北省',
      tier: 'provincial',
      parentId: '000000',
      publicKey: provKey.publicKey,
      ...validity,
    },
    { nodeId: '000000', keyId: rootKey.keyId, privateKey: rootKey.privateKey },
  );
  const registry = new Map<string, NodeCertificate>([
    [root.keyId, root],
    [prov.keyId, prov],
  ]);
  return { rootKey, provKey, root, prov, registry, lookup: async (id: string) => registry.get(id) };
}

async function refusalCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RefusalError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('key chain verification', () => {
  it('returns the path from central for a properly certified key', async () => {
    const t = tree();
    const verified = await verifyKeyChain(
      t.prov.keyId,
      '130000',
      t.lookup,
      t.rootKey.publicKey,
      at,
    );
    expect(verified.path).toEqual(['000000', '130000']);
    expect(verified.certificate.nodeId).toBe('130000');
  });

  it('refuses an unknown key, a foreign root and a tampered certificate', async () => {
    const t = tree();
    const stranger: SigningKeyPair = generateSigningKeyPair();
    expect(
      await refusalCode(
        verifyKeyChain(stranger.keyId, '130000', t.lookup, t.rootKey.publicKey, at),
      ),
    ).toBe('UNKNOWN_KEY');
    expect(
      await refusalCode(verifyKeyChain(t.prov.keyId, '130000', t.lookup, stranger.publicKey, at)),
    ).toBe('UNTRUSTED_KEY');
    t.registry.set(t.prov.keyId, { ...t.prov, tier: 'municipal' });
    expect(
      await refusalCode(verifyKeyChain(t.prov.keyId, '130000', t.lookup, t.rootKey.publicKey, at)),
    ).toBe('UNTRUSTED_KEY');
  });

  it('refuses a certificate a node signed for itself claiming a higher tier', async () => {
    const t = tree();
    const rogueKey = generateSigningKeyPair();
    const rogue = issueCertificate(
      {
        nodeId: '130100',
        name: 'x',
        tier: 'municipal',
        parentId: '000000',
        publicKey: rogueKey.publicKey,
        ...validity,
      },
      { nodeId: '130000', keyId: t.provKey.keyId, privateKey: t.provKey.privateKey },
    );
    t.registry.set(rogue.keyId, rogue);
    expect(
      await refusalCode(verifyKeyChain(rogue.keyId, '130100', t.lookup, t.rootKey.publicKey, at)),
    ).toBe('UNTRUSTED_KEY');
  });
});

describe('envelopes', () => {
  const key = generateSigningKeyPair();
  const unsigned = buildEnvelope({
    type: 'directive.acknowledged.v1',
    issuer: '130000',
    keyId: key.keyId,
    audience: 'node:000000',
    seq: 1,
    issuedAt: at,
    ttlMs: 60_000,
    payload: {
      directiveId: '0190f5b0-0000-7000-8000-000000000000',
      acknowledgedAt: at.toISOString(),
      acknowledgedBy: '王',
    },
  });

  it('verifies its own signature and fails after any field changes', () => {
    const envelope = signEnvelope(unsigned, key.privateKey);
    expect(envelopeShapeProblems(envelope)).toEqual([]);
    expect(envelopeSignatureValid(envelope, key.publicKey)).toBe(true);
    expect(envelopeSignatureValid({ ...envelope, seq: 2 }, key.publicKey)).toBe(false);
    expect(envelopeSignatureValid({ ...envelope, audience: 'node:130000' }, key.publicKey)).toBe(
      false,
    );
    expect(envelopeSignatureValid(envelope, generateSigningKeyPair().publicKey)).toBe(false);
  });

  it('names each bad field of a malformed envelope', () => {
    const problems = envelopeShapeProblems({
      ...signEnvelope(unsigned, key.privateKey),
      seq: -1,
      issuer: 'x',
      extra: 1,
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^seq:/),
        expect.stringMatching(/^issuer:/),
        'extra: unknown field',
      ]),
    );
  });

  it('validates payloads per type and version', () => {
    expect(payloadProblems('directive.acknowledged.v1', unsigned.payload)).toEqual([]);
    expect(payloadProblems('directive.acknowledged.v1', { directiveId: 'nope' })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^directiveId:/),
        expect.stringMatching(/^acknowledgedBy:/),
      ]),
    );
    expect(payloadProblems('directive.issued.v9', {})).toEqual([
      'type: directive.issued.v9 is not in the event catalogue',
    ]);
  });
});
