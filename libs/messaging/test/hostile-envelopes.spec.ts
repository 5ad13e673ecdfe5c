import { randomInt } from 'node:crypto';
import {
  buildEnvelope,
  DirectiveIssuedV1,
  Envelope,
  generateSigningKeyPair,
  IdentityBundle,
  issueRevocation,
  signEnvelope,
  SigningKeyPair,
  uuidv7,
} from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { EventHandlerRegistry, InboxProcessorService, KeyRegistryService } from '../src';
import { MessagingFixture } from './messaging-fixture';

// Every kind of mutation below is tried over a thousand times in `npm test`; a longer run
// sets LIANDONG_MUTATIONS (e.g. 1000000).
const MUTATIONS = Number(process.env.LIANDONG_MUTATIONS ?? 20_000);

/**
 * Mutates validly signed envelopes in every way an attacker or a broken peer could —
 * byte flips, foreign, uncertified and revoked keys, stale sequences, expiry, re-addressing — and
 * feeds them through the real inbox processor (real PostgreSQL, real key registry on
 * NATS). None may be applied.
 */
describe('hostile envelopes', () => {
  const fixture = new MessagingFixture('130100');
  let processor: InboxProcessorService;
  const revokedAt = new Date();
  let applied: string[];

  beforeAll(async () => {
    const moduleRef = await fixture.start();
    applied = [];
    moduleRef
      .get(EventHandlerRegistry)
      .on<DirectiveIssuedV1>(DirectiveIssuedV1.type, async (event) => {
        // A handler that fails the same way every time (a bug, bad data), not an outage.
        if (event.envelope.payload.title === '故障') throw new TypeError('cannot read that');
        applied.push(event.envelope.id);
      });
    // Every node's certificate in the registry, each under its own node (as each node publishes it).
    await fixture.publishCertificates();
    processor = moduleRef.get(InboxProcessorService);
    // 唐山市's key is revoked by its parent, 河北省, as of now.
    const registry = moduleRef.get(KeyRegistryService);
    const province = fixture.bundle('130000').key;
    const tangshan = fixture.bundle('130200').key;
    await registry.publishRevocation(
      issueRevocation(
        { keyId: tangshan.keyId, nodeId: '130200', revokedAt, reason: 'test' },
        { nodeId: '130000', keyId: province.keyId, privateKey: province.privateKey },
      ),
    );
    await registry.pollRevocations(async (r) => (await registry.accept(r)) === 'taken');
    expect(registry.revocationKnown(tangshan.keyId)).toBe(true);
  });
  afterAll(() => fixture.stop());

  function envelope(
    issuer: IdentityBundle,
    overrides: {
      seq: number;
      audience?: string;
      issuer?: string;
      issuedAt?: Date;
      ttlMs?: number;
      title?: string;
    },
    key: SigningKeyPair = issuer.key,
  ): Envelope {
    const payload: DirectiveIssuedV1 = {
      directiveId: uuidv7(),
      title: overrides.title ?? '部署',
      body: '正文',
      scope: 'children',
      reportDueAt: '2027-01-31T00:00:00.000Z',
      parentDirectiveId: null,
      policies: [],
    };
    return signEnvelope(
      buildEnvelope({
        type: DirectiveIssuedV1.type,
        issuer: overrides.issuer ?? issuer.chain[0].nodeId,
        keyId: key.keyId,
        audience: overrides.audience ?? 'node:130100',
        seq: overrides.seq,
        payload,
        issuedAt: overrides.issuedAt ?? new Date(),
        ttlMs: overrides.ttlMs ?? 3600_000,
      }),
      key.privateKey,
    );
  }

  const feed = (raws: string[], hop = '130000') =>
    processor.processBatch(
      raws.map((raw) => ({
        data: Buffer.from(raw),
        raw,
        hopFrom: hop,
        lastDelivery: false,
      })),
    );

  function flipBytes(text: string): string {
    const bytes = Buffer.from(text, 'utf8');
    for (let flips = randomInt(1, 4); flips > 0; flips -= 1)
      bytes[randomInt(bytes.length)] ^= 1 << randomInt(8);
    return bytes.toString('utf8');
  }

  it(`applies none of ${MUTATIONS.toLocaleString('en')} mutations of valid envelopes`, async () => {
    const province = fixture.bundle('130000');
    const sibling = fixture.bundle('130200');
    const first = envelope(province, { seq: 1 });
    await feed([JSON.stringify(first)]);
    expect(applied).toEqual([first.id]); // the pipeline does accept what is valid

    const next = envelope(province, { seq: 2 });
    const nextText = JSON.stringify(next);
    const stranger = generateSigningKeyPair();
    const mutations: Array<() => string> = [
      // Byte flips anywhere in a valid envelope (the next one in sequence, so only the flip can stop it).
      ...Array.from({ length: 8 }, () => () => flipBytes(nextText)),
      // A key nobody certified, claiming to be the province.
      () => JSON.stringify(envelope(province, { seq: 2 }, stranger)),
      // A sibling's real key, claiming to be the province.
      () => JSON.stringify(envelope(province, { seq: 2 }, sibling.key)),
      // The sibling as itself, before its key was revoked: authentic, but a sibling does not direct.
      () =>
        JSON.stringify(
          envelope(sibling, {
            seq: 1 + randomInt(3),
            issuedAt: new Date(revokedAt.getTime() - 60_000),
          }),
        ),
      // The sibling's revoked key, used after its revocation.
      () =>
        JSON.stringify(
          envelope(sibling, {
            seq: 1 + randomInt(3),
            issuedAt: new Date(revokedAt.getTime() + 1000),
          }),
        ),
      // A stale sequence under a new id.
      () => JSON.stringify(envelope(province, { seq: 1 })),
      // Expired.
      () =>
        JSON.stringify(
          envelope(province, {
            seq: 2,
            issuedAt: new Date(Date.now() - 7200_000),
            ttlMs: 3600_000,
          }),
        ),
      // Re-addressed without re-signing, and re-signed for another node.
      () => JSON.stringify({ ...next, audience: 'node:130200' }),
      () => JSON.stringify(envelope(province, { seq: 2, audience: 'node:130200' })),
      // Issued in the future.
      () =>
        JSON.stringify(envelope(province, { seq: 2, issuedAt: new Date(Date.now() + 3600_000) })),
    ];
    let made = 0;
    while (made < MUTATIONS) {
      const batch: string[] = [];
      for (; batch.length < 2000 && made < MUTATIONS; made += 1)
        batch.push(mutations[made % mutations.length]());
      await feed(batch);
    }
    expect(applied).toEqual([first.id]);
    const dataSource = fixture.moduleRef.get(DataSource);
    const [{ n }] = await dataSource.query(
      `SELECT count(*) AS n FROM inbox WHERE outcome = 'applied'`,
    );
    expect(Number(n)).toBe(1);
    const codes: Array<{ reason_code: string }> = await dataSource.query(
      `SELECT DISTINCT reason_code FROM dead_letter ORDER BY 1`,
    );
    expect(codes.map((c) => c.reason_code)).toEqual(
      expect.arrayContaining([
        'BAD_SIGNATURE',
        'EXPIRED',
        'KEY_NOT_ISSUER',
        'MALFORMED',
        'MISADDRESSED',
        'NOT_AUTHORIZED',
        'REVOKED_KEY',
        'STALE_SEQUENCE',
        'UNKNOWN_KEY',
      ]),
    );

    // After the barrage the next valid envelope still goes through.
    const [{ last_seq }] = await dataSource.query(
      `SELECT last_seq FROM inbox_cursor WHERE issuer = '130000' AND audience = 'node:130100'`,
    );
    const after = envelope(province, { seq: Number(last_seq) + 1 });
    await feed([JSON.stringify(after)]);
    expect(applied).toEqual([first.id, after.id]);
  }, 600_000);

  it('records a redelivered refusal once, and settles a handler failing for good without retrying', async () => {
    const dataSource = fixture.moduleRef.get(DataSource);
    const delivery = {
      data: Buffer.from([0, 1]),
      raw: '\u0000\u0001',
      hopFrom: '130000',
      streamSeq: 999_999,
      storedAtNanos: 123,
      lastDelivery: false,
    };
    expect(await processor.processBatch([delivery])).toEqual(['ack']);
    expect(await processor.processBatch([delivery])).toEqual(['ack']); // the broker redelivered it
    const [letters] = await dataSource.query(
      `SELECT count(*) AS n FROM dead_letter WHERE delivery = '999999@123'`,
    );
    expect(Number(letters.n)).toBe(1);

    const [{ last_seq }] = await dataSource.query(
      `SELECT last_seq FROM inbox_cursor WHERE issuer = '130000' AND audience = 'node:130100'`,
    );
    const province = fixture.bundle('130000');
    const failing = envelope(province, { seq: Number(last_seq) + 1, title: '故障' });
    expect(await feed([JSON.stringify(failing)])).toEqual(['ack']);
    const [settled] = await dataSource.query(
      `SELECT outcome, reason_code FROM inbox WHERE event_id = $1`,
      [failing.id],
    );
    expect(settled).toEqual({ outcome: 'dead_lettered', reason_code: 'HANDLER_FAILED' });
    // The sequence goes on past it.
    const after = envelope(province, { seq: Number(last_seq) + 2 });
    await feed([JSON.stringify(after)]);
    expect(applied).toContain(after.id);
  });
});
