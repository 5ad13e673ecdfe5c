import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { NatsConnection, nkeyAuthenticator } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { provisionBroker } from '@liandong/messaging';
import {
  certificateRegistryKey,
  inboxPrefix,
  keyRegistryBucket,
  nodeSubject,
} from '@liandong/protocol';
import { freePort, OwnNatsServer, waitFor } from '@liandong/local-services';
import { writeNatsConfig } from '../src/nats-config';

/**
 * The broker topology of protocol.md §4.3, as `nats config` writes it, on nats-servers of the
 * test's own (the installed 2.9.10): central's server with JetStream domain `hub` and a
 * leaf-node port, and a province's leaf node with a domain of its own. Each envelope is stored
 * in the domain of its receiver; the key registry is central's, reached from the leaf node
 * under `$JS.hub.API`, with each node's write permissions.
 */
describe('a province’s leaf node of central’s broker', () => {
  const federation = 'leaftest';
  const dir = mkdtempSync(join(tmpdir(), 'liandong-leaf-'));
  const hubOut = join(dir, 'hub');
  const leafOut = join(dir, 'leaf');
  let hub: OwnNatsServer;
  let leaf: OwnNatsServer;
  const connections: NatsConnection[] = [];
  const seed = (out: string, name: string) => readFileSync(join(out, `${name}.nk`), 'utf8').trim();

  async function connectAs(server: OwnNatsServer, out: string, name: string) {
    const nc = await connect({
      servers: server.url,
      reconnect: false,
      inboxPrefix: name === 'operator' ? undefined : inboxPrefix(federation, name),
      authenticator: nkeyAuthenticator(new TextEncoder().encode(seed(out, name))),
    });
    connections.push(nc);
    return nc;
  }

  beforeAll(async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const [hubPort, leafnodePort, leafPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    writeNatsConfig({
      federation,
      listen: `127.0.0.1:${hubPort}`,
      storeDir: join(hubOut, 'store'),
      nodes: ['000000'],
      out: hubOut,
      serverName: 'hub-1',
      domain: 'hub',
      leafnodes: { listen: `127.0.0.1:${leafnodePort}`, users: ['leaf-130000'] },
    });
    writeNatsConfig({
      federation,
      listen: `127.0.0.1:${leafPort}`,
      storeDir: join(leafOut, 'store'),
      nodes: ['130000', '130100'],
      out: leafOut,
      serverName: 'leaf-130000',
      domain: 'p130000',
      keyRegistryDomain: 'hub',
      leafRemote: {
        hosts: [`127.0.0.1:${leafnodePort}`],
        user: 'leaf-130000',
        passwordFile: join(hubOut, 'leaf-130000.password'),
      },
    });
    hub = new OwnNatsServer(hubPort, join(hubOut, 'nats-server.hub-1.conf'), hubOut);
    leaf = new OwnNatsServer(leafPort, join(leafOut, 'nats-server.leaf-130000.conf'), leafOut);
    await hub.start();
    await leaf.start();
    const bounds = { streamMaxBytes: 8 * 1024 ** 2 };
    await provisionBroker(hub.url, seed(hubOut, 'operator'), federation, undefined, {
      ...bounds,
      recipients: ['000000'],
    });
    await provisionBroker(leaf.url, seed(leafOut, 'operator'), federation, undefined, {
      ...bounds,
      recipients: ['130000', '130100'],
      keyRegistry: false,
    });
  });
  afterAll(async () => {
    for (const nc of connections) await nc.close().catch(() => undefined);
    await leaf?.stop();
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores each envelope in the domain of its receiver, across the leaf connection both ways', async () => {
    const province = jetstream(await connectAs(leaf, leafOut, '130000'));
    const central = jetstream(await connectAs(hub, hubOut, '000000'));
    // The leaf connection comes up a moment after the leaf node starts: retried until it is.
    const up = await waitFor('the leaf connection to carry a publish to central', () =>
      province.publish(nodeSubject(federation, '000000', '130000'), 'up').then(
        (ack) => ack,
        () => false as const,
      ),
    );
    expect(up.domain).toBe('hub');
    const down = await central.publish(nodeSubject(federation, '130100', '000000'), 'down');
    expect(down.domain).toBe('p130000');
    const inside = await province.publish(nodeSubject(federation, '130100', '130000'), 'inside');
    expect(inside.domain).toBe('p130000');
  });

  it('keeps the key registry at central: a node on the leaf writes its own keys there, and no other node’s', async () => {
    const nc = await connectAs(leaf, leafOut, '130000');
    const kv = await new Kvm(jetstream(nc, { domain: 'hub' })).open(keyRegistryBucket(federation));
    await kv.put(certificateRegistryKey('130000', 'k1'), '{"own":true}');
    const operator = await connectAs(hub, hubOut, 'operator');
    const atCentral = await new Kvm(operator).open(keyRegistryBucket(federation));
    expect((await atCentral.get(certificateRegistryKey('130000', 'k1')))?.json()).toEqual({
      own: true,
    });
    await expect(kv.put(certificateRegistryKey('130100', 'k2'), '{}')).rejects.toThrow(
      /Permissions Violation/,
    );
  });

  it('gives each leaf-node user a password of its own, kept when the configuration is written again', () => {
    const password = readFileSync(join(hubOut, 'leaf-130000.password'), 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(32);
    const again = writeNatsConfig({
      federation,
      listen: '127.0.0.1:1',
      storeDir: join(hubOut, 'store'),
      nodes: ['000000'],
      out: hubOut,
      serverName: 'hub-check',
      domain: 'hub',
      leafnodes: { listen: '127.0.0.1:2', users: ['leaf-130000'] },
    });
    expect(again.kept).toContain('leaf-130000');
    expect(readFileSync(again.file, 'utf8')).toContain(
      `{ user: "leaf-130000", password: "${password}", account: "LIANDONG" }`,
    );
    expect(readFileSync(join(leafOut, 'nats-server.leaf-130000.conf'), 'utf8')).toContain(
      `nats-leaf://leaf-130000:${encodeURIComponent(password)}@`,
    );
  });
});
