import { NODE_LAUNCHER } from '../src/launch';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { createUser } from '@nats-io/nkeys';
import { nkeyAuthenticator } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import {
  ensureCa,
  issueTlsCertificate,
  natsServerConfig,
  provisionBroker,
} from '@liandong/messaging';
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
 * A broker that speaks only TLS and wants a client certificate from the federation's CA
 * besides each node's NKey (`nats config --tls --client-certs`): the federation runs on it.
 */
describe('the federation over TLS with client certificates', () => {
  const tree = HEBEI_SAMPLE_TREE.slice(0, 4);
  const seedOf = (kp: ReturnType<typeof createUser>) => new TextDecoder().decode(kp.getSeed());
  const operator = createUser();
  const users = new Map(tree.map((n) => [n.nodeId, createUser()]));
  let nats: OwnNatsServer;
  let federation: InProcessFederation;
  let caFile: string;
  let operatorTls: { caFile: string; certFile: string; keyFile: string };

  beforeAll(async () => {
    const port = await freePort();
    const placeholder = new OwnNatsServer(port);
    const dir = placeholder.dir;
    const ca = ensureCa(dir);
    caFile = ca.certFile;
    const server = issueTlsCertificate(ca, dir, 'server', { server: ['127.0.0.1', 'localhost'] });
    const tlsOf = (name: string) => {
      const pair = issueTlsCertificate(ca, dir, name, { client: true });
      return { caFile: ca.certFile, certFile: pair.certFile, keyFile: pair.keyFile };
    };
    operatorTls = tlsOf('operator');
    const nodeEnv = Object.fromEntries(
      tree.map((n) => {
        const tls = tlsOf(n.nodeId);
        return [
          n.nodeId,
          {
            NATS_TLS_CA_FILE: tls.caFile,
            NATS_TLS_CERT_FILE: tls.certFile,
            NATS_TLS_KEY_FILE: tls.keyFile,
          },
        ];
      }),
    );
    federation = new InProcessFederation({
      launcher: NODE_LAUNCHER,
      tree,
      natsUrl: `nats://127.0.0.1:${port}`,
      natsSeeds: new Map([...users].map(([id, kp]) => [id, seedOf(kp)])),
      operatorSeed: seedOf(operator),
      operatorTls,
      nodeEnv,
    });
    const configFile = join(dir, 'federation.conf');
    writeFileSync(
      configFile,
      natsServerConfig({
        federation: federation.federation,
        listen: `127.0.0.1:${port}`,
        storeDir: join(dir, 'store'),
        operatorPublicKey: operator.getPublicKey(),
        nodes: tree.map((n) => ({
          nodeId: n.nodeId,
          publicKey: (users.get(n.nodeId) as ReturnType<typeof createUser>).getPublicKey(),
        })),
        tls: { ...server, caFile: ca.certFile, verifyClients: true },
      }),
    );
    nats = new OwnNatsServer(port, configFile, dir);
    await nats.start();
    await provisionBroker(nats.url, seedOf(operator), federation.federation, operatorTls);
    await federation.start();
    await waitForRegistrations(federation, '000000');
  });
  afterAll(async () => {
    await federation.stop().catch(() => undefined);
    await nats.stop();
    nats.cleanup();
  });

  it('carries a directive down and its acknowledgement back', async () => {
    const { body } = await federation.http('000000', 'POST', '/directives', {
      title: '加密通道上的部署',
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

  it('refuses a client that has the operator’s NKey but no client certificate', async () => {
    const authenticator = nkeyAuthenticator(new TextEncoder().encode(seedOf(operator)));
    await expect(
      connect({ servers: nats.url, reconnect: false, authenticator, tls: { caFile } }),
    ).rejects.toThrow();
    // The same with the certificate the operator was given goes through.
    const nc = await connect({
      servers: nats.url,
      reconnect: false,
      authenticator,
      tls: operatorTls,
    });
    await nc.close();
  });
});
