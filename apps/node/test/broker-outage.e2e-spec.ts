import { NODE_LAUNCHER } from '../src/launch';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { streamName } from '@liandong/protocol';
import { InProcessFederation } from '@liandong/local-federation';
import { count, freePort, inAMonth, OwnNatsServer, waitFor, waitForRegistrations } from './support';

describe('the broker is only the carrier: PostgreSQL is the truth', () => {
  let nats: OwnNatsServer;
  let federation: InProcessFederation;

  beforeAll(async () => {
    nats = new OwnNatsServer(await freePort());
    await nats.start();
    federation = new InProcessFederation({
      launcher: NODE_LAUNCHER,
      tree: [
        { nodeId: '000000', name: '中央', tier: 'central', parentId: null },
        { nodeId: '130000', name: '河北省', tier: 'provincial', parentId: '000000' },
      ],
      natsUrl: nats.url,
      messaging: { resendAfterMs: 1_000, resendMaxMs: 2_000 },
    });
    await federation.start();
    await waitForRegistrations(federation, '000000');
  });
  afterAll(async () => {
    await federation.stop().catch(() => undefined);
    await nats.stop();
    nats.cleanup();
  });

  const issue = (title: string) =>
    federation.http('000000', 'POST', '/directives', {
      title,
      body: '正文',
      scope: 'children',
      reportDueAt: inAMonth(),
      issuedBy: '中央巡视办',
    });

  it('a directive issued while the broker is down is delivered once it is back', async () => {
    await nats.stop();
    const { status, body } = await issue('断线期间的部署');
    expect(status).toBe(201); // the issuing office is not blocked by the broker
    expect(
      await count(
        federation,
        '000000',
        `SELECT 1 FROM outbox WHERE status = 'pending' AND envelope LIKE $1`,
        [`%${body.id}%`],
      ),
    ).toBe(1);
    await nats.start();
    await waitFor(
      'the province to receive it after the broker returns',
      async () =>
        (await count(federation, '130000', `SELECT 1 FROM directive WHERE id = $1`, [body.id])) ===
        1,
      { timeoutMs: 90_000 },
    );
    await waitFor(
      'central to hold the receipt',
      async () =>
        (await count(
          federation,
          '000000',
          `SELECT 1 FROM outbox WHERE status <> 'delivered' AND kind = 'event'`,
        )) === 0,
      { timeoutMs: 60_000 },
    );
  });

  it('an envelope the broker lost (acknowledged, then gone) is re-sent until the receiver’s receipt arrives', async () => {
    await federation.stopNode('130000');
    const { body } = await issue('代理丢失的消息');
    await waitFor(
      'the broker to acknowledge the publish',
      async () =>
        (await count(
          federation,
          '000000',
          `SELECT 1 FROM outbox WHERE status = 'published' AND envelope LIKE $1`,
          [`%${body.id}%`],
        )) === 1,
    );
    // nats-server 2.9 flushes JetStream to disk every two minutes: a crash can lose what it acknowledged.
    const nc = await connect({ servers: nats.url });
    await (await jetstreamManager(nc)).streams.purge(streamName(federation.federation));
    await nc.close();
    await federation.startNode('130000');
    await waitFor(
      'the re-sent directive to arrive',
      async () =>
        (await count(federation, '130000', `SELECT 1 FROM directive WHERE id = $1`, [body.id])) ===
        1,
      { timeoutMs: 60_000 },
    );
    expect(
      await count(federation, '130000', `SELECT 1 FROM directive WHERE title = '代理丢失的消息'`),
    ).toBe(1);
  });
});
