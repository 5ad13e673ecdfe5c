import { NODE_LAUNCHER } from '../src/launch';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { nkeyAuthenticator } from '@nats-io/nats-core';
import { createUser } from '@nats-io/nkeys';
import { connect } from '@nats-io/transport-node';
import { provisionBroker } from '@liandong/messaging';
import { streamName } from '@liandong/protocol';
import { InProcessFederation } from '@liandong/local-federation';
import {
  count,
  freePort,
  inAMonth,
  OwnNatsServer,
  OwnPostgres,
  waitFor,
  waitForRegistrations,
} from './support';

const TREE = [
  { nodeId: '000000', name: '中央', tier: 'central' as const, parentId: null },
  { nodeId: '130000', name: '河北省', tier: 'provincial' as const, parentId: '000000' },
];

const issue = (federation: InProcessFederation, title: string) =>
  federation.http('000000', 'POST', '/directives', {
    title,
    body: '正文',
    scope: 'children',
    reportDueAt: inAMonth(),
    issuedBy: '中央巡视办',
  });

const arrived = (federation: InProcessFederation, id: string) =>
  waitFor(
    `the province to receive ${id}`,
    async () =>
      (await count(federation, '130000', `SELECT 1 FROM directive WHERE id = $1`, [id])) === 1,
    { timeoutMs: 60_000 },
  );

describe('a broker that lost its store', () => {
  let nats: OwnNatsServer;
  let federation: InProcessFederation;

  beforeAll(async () => {
    nats = new OwnNatsServer(await freePort());
    await nats.start();
    federation = new InProcessFederation({
      launcher: NODE_LAUNCHER,
      tree: TREE,
      natsUrl: nats.url,
      messaging: { brokerCheckMs: 1000 },
    });
    await federation.start();
    await waitForRegistrations(federation, '000000');
  });
  afterAll(async () => {
    await federation.stop().catch(() => undefined);
    await nats.stop();
    nats.cleanup();
  });

  it('is healed by the nodes without a restart: stream, consumers and keys come back, events flow', async () => {
    const before = await issue(federation, '清空之前的部署');
    await arrived(federation, before.body.id);
    await nats.stop();
    nats.wipeStore();
    await nats.start();
    await waitFor(
      'both nodes to report the broker healthy again',
      async () => {
        for (const nodeId of ['000000', '130000'])
          if ((await federation.http(nodeId, 'GET', '/health')).status !== 200) return false;
        return true;
      },
      { timeoutMs: 60_000 },
    );
    const after = await issue(federation, '清空之后的部署');
    await arrived(federation, after.body.id);
    await waitFor(
      'central to hold the receipt again',
      async () =>
        (await count(
          federation,
          '000000',
          `SELECT 1 FROM outbox WHERE kind = 'event' AND status <> 'delivered' AND event_type = 'directive.issued.v1'`,
        )) === 0,
    );
  });
});

describe('a broker whose stream is gone and may not be re-created by the nodes', () => {
  const seedOf = (kp: ReturnType<typeof createUser>) => new TextDecoder().decode(kp.getSeed());
  const operator = createUser();
  const node = createUser();
  let nats: OwnNatsServer;
  let federation: InProcessFederation;

  beforeAll(async () => {
    const port = await freePort();
    const placeholder = new OwnNatsServer(port);
    federation = new InProcessFederation({
      launcher: NODE_LAUNCHER,
      tree: TREE,
      natsUrl: `nats://127.0.0.1:${port}`,
      natsSeeds: new Map(TREE.map((n) => [n.nodeId, seedOf(node)])),
      operatorSeed: seedOf(operator),
      messaging: { brokerCheckMs: 500 },
    });
    const configFile = join(placeholder.dir, 'broker.conf');
    // An operator's broker on which nodes may do anything but create streams.
    writeFileSync(
      configFile,
      `listen: "127.0.0.1:${port}"
jetstream { store_dir: ${JSON.stringify(join(placeholder.dir, 'store'))} }
accounts { LIANDONG: { jetstream: enabled, users: [
  { nkey: "${operator.getPublicKey()}" }
  { nkey: "${node.getPublicKey()}", permissions: { publish: { deny: ["$JS.API.STREAM.CREATE.>"] } } }
] } }
`,
    );
    nats = new OwnNatsServer(port, configFile, placeholder.dir);
    await nats.start();
    await provisionBroker(nats.url, seedOf(operator), federation.federation);
    await federation.start();
    await waitForRegistrations(federation, '000000');
  });
  afterAll(async () => {
    await federation.stop().catch(() => undefined);
    await nats.stop();
    nats.cleanup();
  });

  it('answers /health with 503 naming the stream until the operator provisions it again', async () => {
    const nc = await connect({
      servers: nats.url,
      authenticator: nkeyAuthenticator(new TextEncoder().encode(seedOf(operator))),
    });
    await (await jetstreamManager(nc)).streams.delete(streamName(federation.federation));
    const health = await waitFor('central to report the missing stream', async () => {
      const { status, body } = await federation.http('000000', 'GET', '/health');
      return status === 503 ? body : undefined;
    });
    expect(JSON.stringify(health)).toContain(`stream ${streamName(federation.federation)} missing`);
    // A directive issued meanwhile waits in central's outbox: its publish fails, which has the
    // node check the broker again — and it still may not create the stream.
    const during = await issue(federation, '流缺失期间的部署');
    expect(during.status).toBe(201);
    await waitFor(
      'the publish to fail',
      async () =>
        (await count(
          federation,
          '000000',
          `SELECT 1 FROM outbox WHERE last_error IS NOT NULL AND envelope LIKE $1`,
          [`%${during.body.id}%`],
        )) === 1,
    );
    expect((await federation.http('000000', 'GET', '/health')).status).toBe(503);
    await provisionBroker(nats.url, seedOf(operator), federation.federation);
    await nc.close();
    await waitFor(
      'central to be healthy again',
      async () => (await federation.http('000000', 'GET', '/health')).status === 200,
      { timeoutMs: 30_000 },
    );
    await arrived(federation, during.body.id);
  });
});

describe('a database restart', () => {
  let pg: OwnPostgres;
  let federation: InProcessFederation;

  beforeAll(async () => {
    pg = new OwnPostgres(await freePort());
    await pg.init();
    federation = new InProcessFederation({
      launcher: NODE_LAUNCHER,
      tree: TREE,
      adminUrls: { '000000': pg.adminUrl },
      // Only the NOTIFY listener can wake central's relay within the test's deadlines.
      messaging: { relayPollMs: 120_000 },
    });
    await federation.start();
    await waitForRegistrations(federation, '000000');
  });
  afterAll(async () => {
    await federation.stop().catch(() => undefined);
    pg.cleanup();
  });

  it('answers requests during the outage with 503 and Retry-After, and wakes its relay again afterwards', async () => {
    const first = await issue(federation, '重启之前的部署');
    await arrived(federation, first.body.id);
    await pg.stop();
    const refused = await fetch(`${federation.node('000000').url}/directives`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${federation.node('000000').token}`,
      },
      body: JSON.stringify({
        title: '停库期间的部署',
        body: '正文',
        scope: 'children',
        reportDueAt: inAMonth(),
        issuedBy: '中央巡视办',
      }),
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(((await refused.json()) as { error: string }).error).toBe('SERVICE_UNAVAILABLE');
    await pg.start();
    await waitFor(
      'central to answer again',
      async () => (await federation.http('000000', 'GET', '/health')).status === 200,
      { timeoutMs: 30_000 },
    );
    await waitFor('the outbox listener to be back', async () => {
      const { body } = await federation.http('000000', 'GET', '/health');
      return body.info?.outbox?.listening === true;
    });
    // With a two-minute poll, only the listener delivers this within the deadline.
    const second = await issue(federation, '重启之后的部署');
    expect(second.status).toBe(201);
    await arrived(federation, second.body.id);
  });
});
