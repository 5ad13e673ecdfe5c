import {
  certificateShapeProblems,
  issueCertificate,
  NodeCertificate,
  parentageProblems,
} from './certificate';
import {
  buildEnvelope,
  envelopeShapeProblems,
  envelopeSignatureValid,
  signEnvelope,
} from './envelope';
import { RefusalError } from './errors';
import { payloadProblems } from './events/catalogue';
import { generateSigningKeyPair, SigningKeyPair } from './keys';
import { centralUnitKind } from './tier';
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

describe('central units (中央单位)', () => {
  /** A certificate for `nodeId` as `tier`, signed by the given key of `signer`. */
  function certify(
    t: ReturnType<typeof tree>,
    nodeId: string,
    tier: NodeCertificate['tier'],
    signer: { nodeId: string; key: SigningKeyPair },
  ): NodeCertificate {
    const key = generateSigningKeyPair();
    const cert = issueCertificate(
      {
        nodeId,
        name: '单位',
        tier,
        parentId: signer.nodeId,
        publicKey: key.publicKey,
        ...validity,
      },
      { nodeId: signer.nodeId, keyId: signer.key.keyId, privateKey: signer.key.privateKey },
    );
    t.registry.set(cert.keyId, cert);
    return cert;
  }
  const verify = (t: ReturnType<typeof tree>, cert: NodeCertificate) =>
    refusalCode(verifyKeyChain(cert.keyId, cert.nodeId, t.lookup, t.rootKey.publicKey, at));

  it('accepts a central unit certified by central, with an id in 91xxxx–93xxxx', async () => {
    const t = tree();
    const unit = certify(t, '930001', 'central_unit', { nodeId: '000000', key: t.rootKey });
    expect(await verify(t, unit)).toBe('accepted');
    expect(certificateShapeProblems(unit)).toEqual([]);
  });

  it('refuses a central unit certified by a province, a unit with a division code, and a territory with a unit id', async () => {
    const t = tree();
    const underProvince = certify(t, '930002', 'central_unit', {
      nodeId: '130000',
      key: t.provKey,
    });
    expect(await verify(t, underProvince)).toBe('UNTRUSTED_KEY');
    expect(parentageProblems(underProvince, t.prov)).toContain(
      'a provincial node cannot certify a central_unit node',
    );
    const divisionCoded = certify(t, '140000', 'central_unit', {
      nodeId: '000000',
      key: t.rootKey,
    });
    expect(await verify(t, divisionCoded)).toBe('UNTRUSTED_KEY');
    const unitCodedProvince = certify(t, '920001', 'provincial', {
      nodeId: '000000',
      key: t.rootKey,
    });
    expect(certificateShapeProblems(unitCodedProvince)).toContain(
      'a central unit, and only a central unit, has a node id 91xxxx–93xxxx',
    );
    expect(await verify(t, unitCodedProvince)).toBe('UNTRUSTED_KEY');
  });

  it('refuses any node a central unit certifies below itself', async () => {
    const t = tree();
    const unitKey = generateSigningKeyPair();
    const unit = issueCertificate(
      {
        nodeId: '910001',
        name: '部委',
        tier: 'central_unit',
        parentId: '000000',
        publicKey: unitKey.publicKey,
        ...validity,
      },
      { nodeId: '000000', keyId: t.rootKey.keyId, privateKey: t.rootKey.privateKey },
    );
    t.registry.set(unit.keyId, unit);
    for (const tier of ['municipal', 'county', 'central_unit'] as const) {
      const below = certify(t, tier === 'central_unit' ? '910002' : '130100', tier, {
        nodeId: '910001',
        key: unitKey,
      });
      expect(await verify(t, below)).toBe('UNTRUSTED_KEY');
    }
  });

  it('tells the kind of a unit by its id', () => {
    expect(['910001', '920001', '930001', '130000', '940001'].map(centralUnitKind)).toEqual([
      'ministry',
      'state_organ',
      'enterprise',
      undefined,
      undefined,
    ]);
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
