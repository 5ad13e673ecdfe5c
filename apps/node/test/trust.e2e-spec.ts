import { NODE_LAUNCHER } from '../src/launch';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { JetStreamService, KeyRegistryService } from '@liandong/messaging';
import {
  certificateRegistryKey,
  generateSigningKeyPair,
  issueCertificate,
  issueRevocation,
  keyRegistryBucket,
} from '@liandong/protocol';
import { InProcessFederation } from '@liandong/local-federation';
import {
  count,
  craft,
  directivePayload,
  deadLetterFor,
  HEBEI_SAMPLE_TREE,
  inAMonth,
  publishEnvelope,
  waitFor,
  waitForRegistrations,
} from './support';

/**
 * Trust does not depend on the key registry bucket: what a node verified and every
 * revocation it took stay in its database. An operator (or a broker that lost its store)
 * wiping the registry makes no node forget a revocation or take a certificate other than the
 * one it verified.
 */
describe('trust that survives the key registry', () => {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 4),
  });
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const stolen = generateSigningKeyPair();
  const revokedAt = new Date(Date.now() - 2 * 3600_000);
  const nodes = ['000000', '130000', '130100', '130121'];

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, '000000');
  });
  afterAll(() => federation.stop());

  const registry = (nodeId: string) =>
    federation.node(nodeId).app?.get(KeyRegistryService) as KeyRegistryService;

  it('keeps a revocation after the registry is wiped and every node restarted', async () => {
    // A second key of 石家庄市, certified by 河北省 — later stolen, and revoked as of two hours ago.
    const province = federation.node('130000').bundle.key;
    const certificate = issueCertificate(
      {
        nodeId: '130100',
        name: '石家庄市',
        tier: 'municipal',
        parentId: '130000',
        publicKey: stolen.publicKey,
        notBefore: new Date(Date.now() - 5 * 3600_000).toISOString(),
        notAfter: new Date(Date.now() + 86_400_000).toISOString(),
      },
      { nodeId: '130000', keyId: province.keyId, privateKey: province.privateKey },
    );
    const js = federation.node('130100').app?.get(JetStreamService) as JetStreamService;
    await js.keys.put(certificateRegistryKey('130100', stolen.keyId), JSON.stringify(certificate));
    await registry('130000').publishRevocation(
      issueRevocation(
        { keyId: stolen.keyId, nodeId: '130100', revokedAt, reason: '密钥被盗 stolen' },
        { nodeId: '130000', keyId: province.keyId, privateKey: province.privateKey },
      ),
    );
    // The province takes it from the registry and sends it to central, which sends it to all.
    for (const nodeId of nodes)
      await waitFor(
        `${nodeId} to keep the revocation`,
        async () =>
          (await count(federation, nodeId, `SELECT 1 FROM key_revocation WHERE key_id = $1`, [
            stolen.keyId,
          ])) === 1,
      );
    // It also came as an event, from central to its whole subtree (exactly once, like a directive).
    await waitFor(
      'the county to receive the revocation from central',
      async () =>
        (await count(
          federation,
          '130121',
          `SELECT 1 FROM inbox WHERE event_type = 'key.revoked.v1' AND issuer = '000000' AND outcome = 'applied'`,
        )) === 1,
    );

    // The operator wipes the registry; the nodes put back what is theirs; all restart.
    const nc = await connect({ servers: natsUrl });
    const bucketName = keyRegistryBucket(federation.federation);
    await (await jetstreamManager(nc)).streams.delete(`KV_${bucketName}`);
    await waitFor(
      'the nodes to re-create the registry',
      async () => (await federation.http('000000', 'GET', '/health')).status === 200,
    );
    for (const nodeId of [...nodes].reverse()) await federation.stopNode(nodeId);
    for (const nodeId of nodes) await federation.startNode(nodeId);
    // Then a tampered certificate for central's key takes the place of the one central put back.
    const central = federation.node('000000').bundle.chain[0];
    const bucket = await new Kvm(nc).open(bucketName);
    await bucket.put(
      certificateRegistryKey('000000', central.keyId),
      JSON.stringify({ ...central, name: '假冒的中央' }),
    );
    // And the thief puts the stolen key's certificate back (valid: 河北省 did sign it).
    await bucket.put(certificateRegistryKey('130100', stolen.keyId), JSON.stringify(certificate));
    await nc.close();

    // Signed with the stolen key after the revocation: refused.
    const after = craft(federation, {
      issuer: '130100',
      audience: 'node:130121',
      seq: 1,
      key: stolen,
      payload: directivePayload('盗用密钥（撤销后）'),
    });
    await publishEnvelope(federation, after, '130100');
    expect(await deadLetterFor(federation, '130121', after.id)).toMatchObject({
      reasonCode: 'REVOKED_KEY',
    });
    // Backdated to before the revocation, but first seen more than the grace after it: refused.
    const backdated = craft(federation, {
      issuer: '130100',
      audience: 'node:130121',
      seq: 1,
      key: stolen,
      issuedAt: new Date(revokedAt.getTime() - 60_000),
      payload: directivePayload('盗用密钥（倒签）'),
    });
    await publishEnvelope(federation, backdated, '130100');
    expect(await deadLetterFor(federation, '130121', backdated.id)).toMatchObject({
      reasonCode: 'REVOKED_KEY',
    });
    expect(
      await count(federation, '130121', `SELECT 1 FROM directive WHERE title LIKE '盗用密钥%'`),
    ).toBe(0);

    // Central's key as every node verified it still counts: the tampered copy changes nothing.
    const { body } = await federation.http('000000', 'POST', '/directives', {
      title: '清空密钥库之后的部署',
      body: '正文',
      scope: 'subtree',
      reportDueAt: inAMonth(),
      issuedBy: '中央巡视办',
    });
    await waitFor(
      'the county to receive it',
      async () =>
        (await count(federation, '130121', `SELECT 1 FROM directive WHERE id = $1`, [body.id])) ===
        1,
    );
  });
});
