import { NODE_LAUNCHER } from '../src/launch';
import { identityFromChain, KeyRegistryService } from '@liandong/messaging';
import {
  generateSigningKeyPair,
  IdentityBundle,
  issueCertificate,
  issueRevocation,
} from '@liandong/protocol';
import { InProcessFederation } from '@liandong/local-federation';
import {
  count,
  craft,
  directivePayload,
  HEBEI_SAMPLE_TREE,
  inAMonth,
  publishEnvelope,
  waitFor,
  waitForRegistrations,
} from './support';

describe('key rotation and revocation', () => {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 4),
  });
  const registry = (nodeId: string) =>
    federation.node(nodeId).app?.get(KeyRegistryService) as KeyRegistryService;
  const applied = (title: string) =>
    count(federation, '130121', `SELECT 1 FROM directive WHERE title = $1`, [title]);
  const deadLetter = (eventId: string) =>
    waitFor(`a dead letter for ${eventId}`, async () => {
      const [row] = await federation
        .dataSource('130121')
        .query(`SELECT reason_code FROM dead_letter WHERE event_id = $1`, [eventId]);
      return row?.reason_code as string | undefined;
    });

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, '000000');
  });
  afterAll(() => federation.stop());

  it('uses a rotated key at once; the old key verifies only what it signed before its revocation', async () => {
    const province = federation.node('130000').bundle;
    const city = federation.node('130100');
    const oldKey = city.bundle.key;

    // 石家庄市 gets a new key, certified by 河北省, and restarts with it.
    const newKey = generateSigningKeyPair();
    const now = Date.now();
    const certificate = issueCertificate(
      {
        nodeId: '130100',
        name: '石家庄市',
        tier: 'municipal',
        parentId: '130000',
        publicKey: newKey.publicKey,
        notBefore: new Date(now - 60_000).toISOString(),
        notAfter: new Date(now + 86_400_000).toISOString(),
      },
      { nodeId: '130000', keyId: province.key.keyId, privateKey: province.key.privateKey },
    );
    const rotated: IdentityBundle = {
      key: newKey,
      chain: [certificate, ...province.chain],
      rootPublicKey: province.rootPublicKey,
    };
    await federation.stopNode('130100');
    city.bundle = rotated;
    city.identity = identityFromChain(rotated.key, rotated.chain, rotated.rootPublicKey);
    await federation.startNode('130100');
    const issued = await federation.http('130100', 'POST', '/directives', {
      title: '新钥匙签发',
      body: '正文',
      scope: 'children',
      reportDueAt: inAMonth(),
      issuedBy: '市委巡察办',
    });
    expect(issued.status).toBe(201);
    await waitFor(
      'the county to apply the new key’s directive',
      async () => (await applied('新钥匙签发')) === 1,
    );

    // Before any revocation the old key still speaks for the city.
    const oldButValid = craft(federation, {
      issuer: '130100',
      audience: 'node:130121',
      seq: 2,
      key: oldKey,
      payload: directivePayload('旧钥匙（撤销前）'),
    });
    await publishEnvelope(federation, oldButValid, '130100');
    await waitFor(
      'the old key’s envelope to apply',
      async () => (await applied('旧钥匙（撤销前）')) === 1,
    );

    // 河北省 revokes the old key.
    const revokedAt = new Date();
    await registry('130000').publishRevocation(
      issueRevocation(
        { keyId: oldKey.keyId, nodeId: '130100', revokedAt, reason: '密钥轮换 rotated' },
        { nodeId: '130000', keyId: province.key.keyId, privateKey: province.key.privateKey },
      ),
    );
    await waitFor('the county to learn of the revocation', () =>
      registry('130121').revocationKnown(oldKey.keyId),
    );

    const signedAfter = craft(federation, {
      issuer: '130100',
      audience: 'node:130121',
      seq: 3,
      key: oldKey,
      issuedAt: new Date(revokedAt.getTime() + 1000),
      payload: directivePayload('撤销后签的'),
    });
    await publishEnvelope(federation, signedAfter, '130100');
    expect(await deadLetter(signedAfter.id)).toBe('REVOKED_KEY');

    const signedBefore = craft(federation, {
      issuer: '130100',
      audience: 'node:130121',
      seq: 3,
      key: oldKey,
      issuedAt: new Date(revokedAt.getTime() - 60_000),
      payload: directivePayload('撤销前签的'),
    });
    await publishEnvelope(federation, signedBefore, '130100');
    await waitFor(
      'the envelope signed before the revocation to apply',
      async () => (await applied('撤销前签的')) === 1,
    );
    expect(await applied('撤销后签的')).toBe(0);
  });

  it('ignores a revocation that the revoked node’s parent did not sign', async () => {
    const county = federation.node('130121').bundle;
    const cityKey = federation.node('130100').bundle.key;
    await registry('130121').publishRevocation(
      issueRevocation(
        {
          keyId: cityKey.keyId,
          nodeId: '130100',
          revokedAt: new Date(Date.now() - 3600_000),
          reason: 'forged',
        },
        { nodeId: '130121', keyId: county.key.keyId, privateKey: county.key.privateKey },
      ),
    );
    await waitFor('the county to load the forged revocation', () =>
      registry('130121').revocationKnown(cityKey.keyId),
    );
    // The city's current key (whose sequence to the county tests above advanced to 3) keeps working.
    const current = craft(federation, {
      issuer: '130100',
      audience: 'node:130121',
      seq: 4,
      payload: directivePayload('伪造撤销之后'),
    });
    await publishEnvelope(federation, current, '130100');
    await waitFor(
      'the city’s current key to keep working',
      async () => (await applied('伪造撤销之后')) === 1,
    );
  });
});
