import { NODE_LAUNCHER } from '../src/launch';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { CONSUMER_ACK_WAIT_MS } from '@liandong/messaging';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import { consumerName, liveSubject, nodeSubject, streamName } from '@liandong/protocol';
import { InProcessFederation } from '@liandong/local-federation';
import {
  count,
  craft,
  directivePayload,
  publishRaw,
  waitFor,
  waitForDrained,
  waitForRegistrations,
} from './support';

const TREE = [
  { nodeId: '000000', name: '中央', tier: 'central' as const, parentId: null },
  { nodeId: '130000', name: '河北省', tier: 'provincial' as const, parentId: '000000' },
  { nodeId: '130100', name: '石家庄市', tier: 'municipal' as const, parentId: '130000' },
  { nodeId: '130121', name: '井陉县', tier: 'county' as const, parentId: '130100' },
  { nodeId: '130123', name: '正定县', tier: 'county' as const, parentId: '130100' },
];

describe('every message is settled once, and a flood cannot cut a node off', () => {
  const federation = new InProcessFederation({ launcher: NODE_LAUNCHER, tree: TREE });
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, '000000');
  });
  afterAll(() => federation.stop());

  /** Dead letters at the county whose stored bytes are exactly `body`. */
  const lettersOf = (body: Uint8Array) =>
    count(federation, '130123', `SELECT 1 FROM dead_letter WHERE raw_bytes = $1`, [
      Buffer.from(body),
    ]);

  async function publishBytes(body: Uint8Array, hop = '130121'): Promise<void> {
    const nc = await connect({ servers: natsUrl });
    try {
      await jetstream(nc).publish(nodeSubject(federation.federation, '130123', hop), body);
    } finally {
      await nc.close();
    }
  }

  it('records a NUL body, a NUL in id or type and 10,000-deep nesting each as one dead letter', async () => {
    const valid = JSON.stringify(
      craft(federation, { issuer: '130121', audience: 'node:130123', seq: 1 }),
    );
    const bodies = [
      Buffer.from([0]),
      Buffer.from(valid.replace(/"id":"[^"]+"/, '"id":"\\u0000"')),
      Buffer.from(valid.replace(/"type":"[^"]+"/, '"type":"directive.\\u0000.v1"')),
      Buffer.from(`{"payload":${'['.repeat(10_000)}${']'.repeat(10_000)}}`),
      Buffer.from([0xff, 0xfe, 0x00, 0x7b]), // not UTF-8
    ];
    for (const body of bodies) await publishBytes(body);
    await waitForDrained(federation, '130123');
    for (const body of bodies) expect(await lettersOf(body)).toBe(1);
    const letters: Array<{ reason_code: string; reason: string }> = await federation
      .dataSource('130123')
      .query(`SELECT reason_code, reason FROM dead_letter WHERE raw_bytes = ANY($1)`, [bodies]);
    expect(letters.every((l) => l.reason_code === 'MALFORMED')).toBe(true);
    expect(letters.map((l) => l.reason).join(' ')).toContain('nested more than 32 levels');
    // The consumer holds nothing back: everything delivered was acknowledged.
    const nc = await connect({ servers: natsUrl });
    const info = await (
      await jetstreamManager(nc)
    ).consumers.info(streamName(federation.federation), consumerName('130123'));
    await nc.close();
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_redelivered).toBe(0);
  });

  it('settles 10,000 garbage messages from a peer, each once, and a later directive from the parent still arrives', async () => {
    const FLOOD = 10_000;
    const before = await count(
      federation,
      '130123',
      `SELECT 1 FROM dead_letter WHERE hop_from = '130121'`,
    );
    const nc = await connect({ servers: natsUrl });
    const js = jetstream(nc);
    const subject = nodeSubject(federation.federation, '130123', '130121');
    for (let start = 0; start < FLOOD; start += 1000)
      await Promise.all(
        Array.from({ length: 1000 }, (_, i) => js.publish(subject, Buffer.from([0, start + i]))),
      );
    await nc.close();
    const directive = craft(federation, {
      issuer: '130100',
      audience: 'node:130123',
      seq: 1,
      payload: directivePayload('洪水之后的部署'),
    });
    await publishRaw(federation, '130123', JSON.stringify(directive), '130100');
    await waitFor(
      'the directive after the flood to arrive',
      async () =>
        (await count(
          federation,
          '130123',
          `SELECT 1 FROM directive WHERE title = '洪水之后的部署'`,
        )) === 1,
      { timeoutMs: 120_000 },
    );
    await waitForDrained(federation, '130123');
    expect(
      await count(federation, '130123', `SELECT 1 FROM dead_letter WHERE hop_from = '130121'`),
    ).toBe(before + FLOOD);
  });

  it('has the acknowledgement wait on the broker that the code and protocol.md say', async () => {
    const nc = await connect({ servers: natsUrl });
    try {
      const info = await (
        await jetstreamManager(nc)
      ).consumers.info(streamName(federation.federation), consumerName('130121'));
      expect(info.config.ack_wait).toBe(nanos(CONSUMER_ACK_WAIT_MS));
      expect(CONSUMER_ACK_WAIT_MS).toBe(30_000);
      expect(info.config.backoff ?? []).toEqual([]);
      expect(info.config.max_deliver).toBe(8);
    } finally {
      await nc.close();
    }
  });

  it('tells an operator over core NATS how many letters it refused and what its outbox holds', async () => {
    const garbage = new TextEncoder().encode(`not an envelope ${Date.now()}`);
    await publishRaw(federation, '130123', Buffer.from(garbage).toString(), '130121');
    await waitFor('the garbage to be dead-lettered', async () => (await lettersOf(garbage)) === 1);
    const client = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: { servers: [natsUrl] },
    });
    try {
      const status = await firstValueFrom(
        client
          .send<{ nodeId: string; deadLetters: number; outbox: Record<string, number> }>(
            liveSubject(federation.federation, '130123', 'status'),
            {},
          )
          .pipe(timeout(5000)),
      );
      expect(status.nodeId).toBe('130123');
      expect(status.deadLetters).toBe(
        await count(federation, '130123', 'SELECT 1 FROM dead_letter'),
      );
      const outbox = await count(federation, '130123', 'SELECT 1 FROM outbox');
      expect(Object.values(status.outbox).reduce((a, b) => a + b, 0)).toBe(outbox);
    } finally {
      await client.close();
    }
  });
});
