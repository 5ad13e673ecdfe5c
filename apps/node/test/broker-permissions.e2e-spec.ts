import { NODE_LAUNCHER } from '../src/launch';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jetstream, jetstreamManager, AckPolicy } from '@nats-io/jetstream';
import { nkeyAuthenticator, NatsConnection } from '@nats-io/nats-core';
import { createUser } from '@nats-io/nkeys';
import { connect } from '@nats-io/transport-node';
import { natsServerConfig, provisionBroker } from '@liandong/messaging';
import { consumerName, inboxPrefix, nodeFilter, nodeSubject, streamName } from '@liandong/protocol';
import { InProcessFederation } from '@liandong/local-federation';
import {
  freePort,
  HEBEI_SAMPLE_TREE,
  inAMonth,
  OwnNatsServer,
  waitFor,
  waitForRegistrations,
} from './support';

/**
 * A nats-server of the test's own, configured by the generator the operator CLI uses:
 * the federation runs on it, and the broker itself keeps each node in its place.
 */
describe('the broker enforces the tree too', () => {
  const tree = HEBEI_SAMPLE_TREE.slice(0, 5); // central, 河北省, 石家庄市, 井陉县 (A), 正定县 (B)
  const seedOf = (kp: ReturnType<typeof createUser>) => new TextDecoder().decode(kp.getSeed());
  const operator = createUser();
  const users = new Map(tree.map((n) => [n.nodeId, createUser()]));
  let nats: OwnNatsServer;
  let federation: InProcessFederation;

  const connectAs = (nodeId: string) =>
    connect({
      servers: nats.url,
      reconnect: false,
      inboxPrefix: inboxPrefix(federation.federation, nodeId),
      authenticator: nkeyAuthenticator(
        new TextEncoder().encode(seedOf(users.get(nodeId) as ReturnType<typeof createUser>)),
      ),
    });

  beforeAll(async () => {
    const port = await freePort();
    const placeholder = new OwnNatsServer(port);
    federation = new InProcessFederation({
      launcher: NODE_LAUNCHER,
      tree,
      natsUrl: `nats://127.0.0.1:${port}`,
      natsSeeds: new Map([...users].map(([id, kp]) => [id, seedOf(kp)])),
      operatorSeed: seedOf(operator),
    });
    const configFile = join(placeholder.dir, 'federation.conf');
    writeFileSync(
      configFile,
      natsServerConfig({
        federation: federation.federation,
        listen: `127.0.0.1:${port}`,
        storeDir: join(placeholder.dir, 'jetstream'),
        operatorPublicKey: operator.getPublicKey(),
        nodes: tree.map((n) => ({
          nodeId: n.nodeId,
          publicKey: (users.get(n.nodeId) as ReturnType<typeof createUser>).getPublicKey(),
        })),
      }),
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

  it('carries the whole directive flow with nothing but the permissions it generated', async () => {
    const { body } = await federation.http('000000', 'POST', '/directives', {
      title: '受限代理上的部署',
      body: '正文',
      scope: 'subtree',
      reportDueAt: inAMonth(),
      issuedBy: '中央巡视办',
    });
    await waitFor(
      '井陉县 to receive it',
      async () => (await federation.http('130121', 'GET', `/directives/${body.id}`)).status === 200,
    );
    await federation.http('130121', 'POST', `/directives/${body.id}/acknowledge`, {
      acknowledgedBy: '井陉县',
    });
    await waitFor(
      'central to see the acknowledgement',
      async () =>
        (await federation.http('000000', 'GET', `/directives/${body.id}/status`)).body.totals
          .acknowledged === 1,
    );
  });

  it('refuses a connection without credentials', async () => {
    await expect(connect({ servers: nats.url, reconnect: false })).rejects.toThrow(
      /Authorization Violation/,
    );
  });

  describe('county B (正定县) against county A (井陉县)', () => {
    let b: NatsConnection;
    beforeAll(async () => {
      b = await connectAs('130123');
    });
    afterAll(() => b.close());
    const f = () => federation.federation;

    it('cannot subscribe to A’s subjects or A’s replies', async () => {
      for (const subject of [nodeFilter(f(), '130121'), `${inboxPrefix(f(), '130121')}.>`]) {
        const sub = b.subscribe(subject);
        await expect(sub.closed).resolves.toMatchObject({
          message: expect.stringMatching(/Permissions Violation for Subscription/),
        });
      }
    });

    it('cannot publish as central, or as A', async () => {
      const js = jetstream(b);
      await expect(
        js.publish(nodeSubject(f(), '130121', '000000'), '{}', { timeout: 2000 }),
      ).rejects.toThrow(/Permissions Violation for Publish/);
      await expect(
        js.publish(nodeSubject(f(), '130121', '130121'), '{}', { timeout: 2000 }),
      ).rejects.toThrow(/Permissions Violation for Publish/);
    });

    it('cannot create consumers on, or read from, what is not its own', async () => {
      const jsm = await jetstreamManager(b);
      const stream = streamName(f());
      await expect(
        jsm.consumers.add(stream, {
          durable_name: consumerName('130121'),
          filter_subject: nodeFilter(f(), '130121'),
          ack_policy: AckPolicy.Explicit,
        }),
      ).rejects.toThrow(/Permissions Violation/);
      await expect(
        jsm.consumers.add(stream, {
          durable_name: consumerName('130123'),
          filter_subject: nodeFilter(f(), '130121'),
          ack_policy: AckPolicy.Explicit,
        }),
      ).rejects.toThrow(/Permissions Violation/);
      await expect(jsm.consumers.add(stream, { ack_policy: AckPolicy.Explicit })).rejects.toThrow(
        /Permissions Violation/,
      );
      await expect(jsm.streams.getMessage(stream, { seq: 1 })).rejects.toThrow(
        /Permissions Violation/,
      );
      await expect(jsm.consumers.info(stream, consumerName('130121'))).rejects.toThrow(
        /Permissions Violation/,
      );
      await expect(jsm.streams.purge(stream)).rejects.toThrow(/Permissions Violation/);
      await expect(jsm.streams.delete(stream)).rejects.toThrow(/Permissions Violation/);
      const consumer = await jetstream(b)
        .consumers.get(stream, consumerName('130121'))
        .catch((error: Error) => error);
      expect(String(consumer)).toMatch(/Permissions Violation/);
    });

    it('cannot write another node’s certificates, revocations or body keys into the key registry', async () => {
      const js = jetstream(b);
      const bucket = `$KV.ld_${f()}_keys`;
      await expect(
        js.publish(`${bucket}.revoked.130100.0123456789abcdef0123456789abcdef`, '{}', {
          timeout: 2000,
        }),
      ).rejects.toThrow(/Permissions Violation/);
      await expect(
        js.publish(`${bucket}.cert.130121.0123456789abcdef0123456789abcdef`, '{}', {
          timeout: 2000,
        }),
      ).rejects.toThrow(/Permissions Violation/);
      await expect(
        js.publish(`${bucket}.body.130121.discipline`, '{}', { timeout: 2000 }),
      ).rejects.toThrow(/Permissions Violation/);
    });

    it('can still do its own work: publish as itself and read its own consumer', async () => {
      const js = jetstream(b);
      await expect(
        js.publish(nodeSubject(f(), '130121', '130123'), 'not an envelope', { timeout: 2000 }),
      ).resolves.toMatchObject({ stream: streamName(f()) });
      const jsm = await jetstreamManager(b);
      await expect(
        jsm.consumers.info(streamName(f()), consumerName('130123')),
      ).resolves.toMatchObject({ name: consumerName('130123') });
    });
  });
});
