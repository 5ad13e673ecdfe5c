import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { headers, NatsConnection, nkeyAuthenticator } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { BROKER_LIMITS, provisionBroker } from '@liandong/messaging';
import {
  certificateRegistryKey,
  inboxPrefix,
  keyRegistryBucket,
  provisionTree,
  revocationRegistryKey,
  streamName,
} from '@liandong/protocol';
import { HEBEI_SAMPLE_TREE } from '@liandong/local-federation';
import { freePort, OwnNatsServer } from '@liandong/local-services';
import { register, revoke } from '../src/keys';
import { writeNatsConfig } from '../src/nats-config';

/**
 * The broker configuration `nats config` writes, on a nats-server of the test's own: what a
 * hostile county's user can and cannot do to the key registry and the stream, and the key
 * ceremony done with each node's own seed.
 */
describe('the generated broker configuration', () => {
  const federation = 'cfgtest';
  const tree = HEBEI_SAMPLE_TREE.slice(0, 5); // central, 河北省, 石家庄市, 井陉县 (A), 正定县 (B)
  const nodes = tree.map((n) => n.nodeId);
  const dir = mkdtempSync(join(tmpdir(), 'liandong-broker-'));
  const out = join(dir, 'generated');
  const bundles = provisionTree(tree);
  const bucket = keyRegistryBucket(federation);
  let nats: OwnNatsServer;
  const connections: NatsConnection[] = [];

  const seed = (name: string) => readFileSync(join(out, `${name}.nk`), 'utf8').trim();
  const identityFile = (nodeId: string) => {
    const file = join(dir, `${nodeId}.identity.json`);
    writeFileSync(file, JSON.stringify(bundles.get(nodeId)));
    return file;
  };
  async function connectAs(name: string): Promise<NatsConnection> {
    const nc = await connect({
      servers: nats.url,
      reconnect: false,
      inboxPrefix: name === 'operator' ? undefined : inboxPrefix(federation, name),
      authenticator: nkeyAuthenticator(new TextEncoder().encode(seed(name))),
    });
    connections.push(nc);
    return nc;
  }

  beforeAll(async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const port = await freePort();
    writeNatsConfig({
      federation,
      listen: `127.0.0.1:${port}`,
      storeDir: join(dir, 'store'),
      nodes,
      out,
    });
    nats = new OwnNatsServer(port, join(out, 'nats-server.conf'), dir);
    await nats.start();
    await provisionBroker(nats.url, seed('operator'), federation);
  });
  afterAll(async () => {
    for (const nc of connections) await nc.close().catch(() => undefined);
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets a node register its own certificate with its own seed, and no other node’s', async () => {
    await register(identityFile('130121'), nats.url, federation, seed('130121'));
    const operator = await connectAs('operator');
    const kv = await new Kvm(operator).open(bucket);
    const own = bundles.get('130121')?.chain[0];
    expect((await kv.get(certificateRegistryKey('130121', own?.keyId ?? '')))?.json()).toEqual(own);
    await expect(
      register(identityFile('130123'), nats.url, federation, seed('130121')),
    ).rejects.toThrow(/Permissions Violation/);
  });

  it('lets a parent revoke its child’s key with its own seed, and refuses a county that tries', async () => {
    const cityKey = bundles.get('130100')?.key.keyId as string;
    await revoke(
      { keyId: cityKey, nodeId: '130100', at: new Date(), reason: '测试' },
      identityFile('130000'),
      nats.url,
      federation,
      seed('130000'),
    );
    const kv = await new Kvm(await connectAs('operator')).open(bucket);
    expect(await kv.get(revocationRegistryKey('130000', cityKey))).toBeTruthy();
    await expect(
      revoke(
        { keyId: cityKey, nodeId: '130100', at: new Date(), reason: '伪造' },
        identityFile('130000'),
        nats.url,
        federation,
        seed('130123'),
      ),
    ).rejects.toThrow(/Permissions Violation/);
  });

  it('refuses a county’s rollup, purge, delete and overwrite on the registry', async () => {
    const b = await connectAs('130123');
    const js = jetstream(b);
    const aKey = bundles.get('130121')?.chain[0].keyId as string;
    const rollup = headers();
    rollup.set('Nats-Rollup', 'all');
    // Even under its own name, a rollup (which would wipe the bucket) is refused by the stream.
    await expect(
      js.publish(`$KV.${bucket}.cert.130123.x`, 'y', { headers: rollup, timeout: 2000 }),
    ).rejects.toThrow(/rollup not permitted/);
    const kv = await new Kvm(b).open(bucket);
    await expect(kv.purge(`cert.130123.x`)).rejects.toThrow(/rollup not permitted/);
    // Another node's certificate: neither overwritten nor deleted (a delete is a marker put).
    await expect(kv.put(certificateRegistryKey('130121', aKey), '{}')).rejects.toThrow(
      /Permissions Violation/,
    );
    await expect(kv.delete(certificateRegistryKey('130121', aKey))).rejects.toThrow(
      /Permissions Violation/,
    );
    // Revocations signed by its parent, and its own kind in another's name.
    await expect(kv.put(revocationRegistryKey('130100', aKey), '{}')).rejects.toThrow(
      /Permissions Violation/,
    );
    const jsm = await jetstreamManager(b);
    await expect(jsm.streams.purge(`KV_${bucket}`)).rejects.toThrow(/Permissions Violation/);
    await expect(jsm.streams.delete(`KV_${bucket}`)).rejects.toThrow(/Permissions Violation/);
    // The operator's registry still holds A's certificate.
    const operatorKv = await new Kvm(await connectAs('operator')).open(bucket);
    expect(await operatorKv.get(certificateRegistryKey('130121', aKey))).toBeTruthy();
  });

  it('refuses a county push consumers on the registry and the stream’s info', async () => {
    const b = await connectAs('130123');
    const jsm = await jetstreamManager(b);
    await expect(
      jsm.consumers.add(`KV_${bucket}`, {
        ack_policy: AckPolicy.None,
        deliver_subject: `ld.${federation}.live.130121.status`,
      }),
    ).rejects.toThrow(/Permissions Violation/);
    await expect(
      jsm.consumers.add(`KV_${bucket}`, { durable_name: 'peek', ack_policy: AckPolicy.Explicit }),
    ).rejects.toThrow(/Permissions Violation/);
    // Who talks to whom (subjects per sender and target) is not for a county to see.
    await expect(
      jsm.streams.info(streamName(federation), { subjects_filter: '>' }),
    ).rejects.toThrow(/Permissions Violation/);
  });

  it('bounds the stream, the registry and every client', async () => {
    const jsm = await jetstreamManager(await connectAs('operator'));
    const stream = (await jsm.streams.info(streamName(federation))).config;
    expect(stream.max_bytes).toBe(BROKER_LIMITS.streamMaxBytes);
    expect(stream.max_msg_size).toBe(BROKER_LIMITS.maxMessageBytes);
    expect(stream.max_msgs_per_subject).toBe(BROKER_LIMITS.streamMaxPerSubject);
    const registry = (await jsm.streams.info(`KV_${bucket}`)).config;
    expect(registry).toMatchObject({
      allow_rollup_hdrs: false,
      deny_purge: true,
      deny_delete: true,
      max_bytes: BROKER_LIMITS.keyRegistryMaxBytes,
      max_msg_size: BROKER_LIMITS.keyRegistryMaxValueBytes,
    });
    const config = readFileSync(join(out, 'nats-server.conf'), 'utf8');
    expect(config).toMatch(/max_payload: 1048576/);
    expect(config).toMatch(/max_pending: \d+/);
    expect(config).toMatch(/limits: \{ max_connections: \d+, max_subscriptions: \d+/);
    expect(config).not.toMatch(/no_auth_user/);
  });

  it('denies even the operator the administration that belongs to the system account', async () => {
    const operator = await connectAs('operator');
    await expect(
      operator.request('$JS.API.SERVER.REMOVE', JSON.stringify({ peer: 'x' }), { timeout: 2000 }),
    ).rejects.toThrow(/Permissions Violation/);
    await expect(
      operator.request('$JS.API.ACCOUNT.PURGE.LIANDONG', '', { timeout: 2000 }),
    ).rejects.toThrow(/Permissions Violation/);
  });

  it('keeps every other node’s seed when a node is removed, and deletes the removed one', () => {
    const before = Object.fromEntries(nodes.map((n) => [n, seed(n)]));
    const operatorSeed = seed('operator');
    writeNatsConfig({
      federation,
      listen: '127.0.0.1:4222',
      storeDir: join(dir, 'store'),
      nodes: nodes.filter((n) => n !== '130123'),
      out,
    });
    for (const n of nodes.filter((n) => n !== '130123')) expect(seed(n)).toBe(before[n]);
    expect(seed('operator')).toBe(operatorSeed);
    expect(readdirSync(out)).not.toContain('130123.nk');
  });
});
