import { NODE_LAUNCHER } from '../src/launch';
import { InProcessFederation } from '@liandong/local-federation';
import { OutboxService } from '@liandong/messaging';
import {
  batchSign,
  buildEnvelope,
  DirectiveIssuedV1,
  nodeAudience,
  ReceiptRangeV1,
  ReceiptV1,
} from '@liandong/protocol';
import {
  count,
  directivePayload,
  HEBEI_SAMPLE_TREE,
  inAMonth,
  publishRaw,
  waitFor,
  waitForRegistrations,
} from './support';

// Protocol 1.1's batched forms (protocol.md §3.1, §6.1, §9.1): batch signatures and range
// receipts between nodes that announce them, the single forms to a node of 1.0.

const PAIR = HEBEI_SAMPLE_TREE.slice(0, 2);

/** Central emits `n` directives to the province in one transaction (as the bench does). */
async function emitToProvince(federation: InProcessFederation, n: number): Promise<string[]> {
  const outbox = federation.node('000000').app?.get(OutboxService) as OutboxService;
  const envelopes = await federation.dataSource('000000').transaction((manager) =>
    outbox.emitMany(
      manager,
      Array.from({ length: n }, (_, i) => ({
        type: DirectiveIssuedV1.type,
        audience: nodeAudience('130000'),
        payload: directivePayload(`批量部署 ${i + 1}`),
      })),
    ),
  );
  return envelopes.map((e) => e.id);
}

function provinceReads11(federation: InProcessFederation): Promise<unknown> {
  return waitFor(
    'central to hear that the province reads 1.1',
    async () =>
      (await count(
        federation,
        '000000',
        `SELECT 1 FROM peer_protocol WHERE node_id = '130000' AND batch_forms`,
      )) === 1,
  );
}

async function allDelivered(federation: InProcessFederation, ids: string[]): Promise<void> {
  await waitFor(
    'central to hold a receipt for every event',
    async () =>
      (await count(
        federation,
        '000000',
        `SELECT 1 FROM outbox WHERE event_id = ANY($1) AND status = 'delivered'`,
        [ids],
      )) === ids.length,
  );
}

describe('between two nodes of protocol 1.1', () => {
  const federation = new InProcessFederation({ launcher: NODE_LAUNCHER, tree: PAIR });

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, '000000');
    await provinceReads11(federation);
  });
  afterAll(() => federation.stop());

  it('signs the events of one transaction once and settles them with range receipts', async () => {
    const ids = await emitToProvince(federation, 30);
    await allDelivered(federation, ids);
    expect(
      await count(federation, '130000', `SELECT 1 FROM directive WHERE title LIKE '批量部署 %'`),
    ).toBe(30);
    // Every envelope central sent carries a batch signature of 30 members.
    expect(
      await count(
        federation,
        '000000',
        `SELECT 1 FROM outbox WHERE event_id = ANY($1) AND envelope::jsonb ->> 'signature' LIKE 'mt1.30.%'`,
        [ids],
      ),
    ).toBe(30);
    // The province answered with range receipts: fewer messages than events, none single.
    const receipts: Array<{ event_type: string }> = await federation
      .dataSource('130000')
      .query(
        `SELECT event_type FROM outbox WHERE kind = 'receipt' AND target_node = '000000' AND envelope::jsonb ->> 'causationId' = ANY($1)`,
        [ids],
      );
    expect(receipts.length).toBeGreaterThan(0);
    expect(receipts.length).toBeLessThan(30);
    // A run of one (at the edge of an inbox batch) is answered singly; the rest by ranges.
    const ranges = receipts.filter((r) => r.event_type === ReceiptRangeV1.type).length;
    expect(ranges).toBeGreaterThan(0);
    expect(receipts.length - ranges).toBeLessThan(ranges + 2);
  });

  it('refuses the one member of a batch whose content was changed; the others settle, and the member sent again untouched is applied', async () => {
    const [{ last }] = await federation
      .dataSource('130000')
      .query(
        `SELECT COALESCE(max(last_seq), 0)::int AS last FROM inbox_cursor WHERE issuer = '000000' AND audience = 'node:130000'`,
      );
    const key = federation.node('000000').bundle.key;
    const members = batchSign(
      [1, 2, 3].map((k) =>
        buildEnvelope({
          type: DirectiveIssuedV1.type,
          issuer: '000000',
          keyId: key.keyId,
          audience: 'node:130000',
          seq: last + k,
          payload: directivePayload(`成员 ${k}`),
          issuedAt: new Date(),
          ttlMs: 86_400_000,
        }),
      ),
      key.privateKey,
    );
    const forged = {
      ...members[2],
      payload: { ...(members[2].payload as DirectiveIssuedV1), title: '篡改后的标题' },
    };
    for (const envelope of [members[0], members[1], forged])
      await publishRaw(federation, '130000', JSON.stringify(envelope), '000000');
    await waitFor(
      'the forged member to be refused',
      async () =>
        (await count(
          federation,
          '130000',
          `SELECT 1 FROM dead_letter WHERE event_id = $1 AND reason_code = 'BAD_SIGNATURE'`,
          [forged.id],
        )) === 1,
    );
    await waitFor(
      'the two genuine members to be applied',
      async () =>
        (await count(
          federation,
          '130000',
          `SELECT 1 FROM inbox WHERE event_id = ANY($1) AND outcome = 'applied'`,
          [[members[0].id, members[1].id]],
        )) === 2,
    );
    // A refused signature does not consume the number: the genuine member fills it.
    await publishRaw(federation, '130000', JSON.stringify(members[2]), '000000');
    await waitFor(
      'the genuine third member to be applied',
      async () =>
        (await count(federation, '130000', `SELECT 1 FROM directive WHERE title = '成员 3'`)) === 1,
    );
    expect(
      await count(federation, '130000', `SELECT 1 FROM directive WHERE title = '篡改后的标题'`),
    ).toBe(0);
  });
});

describe('during an upgrade: a node of protocol 1.1 and one of 1.0', () => {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: PAIR,
    // The province is not upgraded yet: it neither announces nor reads the batched forms.
    nodeEnv: { '130000': { PROTOCOL_BATCH_FORMS: 'false' } },
  });

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, '000000');
  });
  afterAll(() => federation.stop());

  it('sends the 1.0 node single signatures and single receipts, and both ways everything is applied once', async () => {
    const ids = await emitToProvince(federation, 20);
    await allDelivered(federation, ids);
    expect(
      await count(federation, '130000', `SELECT 1 FROM directive WHERE title LIKE '批量部署 %'`),
    ).toBe(20);
    expect(
      await count(
        federation,
        '000000',
        `SELECT 1 FROM outbox WHERE target_node = '130000' AND envelope::jsonb ->> 'signature' LIKE 'mt1.%'`,
      ),
    ).toBe(0);
    expect(
      await count(
        federation,
        '000000',
        `SELECT 1 FROM peer_protocol WHERE node_id = '130000' AND batch_forms`,
      ),
    ).toBe(0);
    // Upwards: the 1.0 province acknowledges a subtree directive; central (1.1) receipts it singly.
    const issued = await federation.http('000000', 'POST', '/directives', {
      title: '升级期间的部署',
      body: '正文',
      scope: 'subtree',
      reportDueAt: inAMonth(),
      issuedBy: '中央巡视办',
    });
    expect(issued.status).toBe(201);
    await waitFor(
      'the province to receive the directive',
      async () =>
        (await count(federation, '130000', `SELECT 1 FROM directive WHERE id = $1`, [
          issued.body.id,
        ])) === 1,
    );
    const ack = await federation.http(
      '130000',
      'POST',
      `/directives/${issued.body.id}/acknowledge`,
      {
        acknowledgedBy: '河北省委巡视办',
      },
    );
    expect(ack.status).toBeLessThan(300);
    await waitFor('central to see the acknowledgement', async () => {
      const { body } = await federation.http(
        '000000',
        'GET',
        `/directives/${issued.body.id}/status`,
      );
      return body.totals.acknowledged === 1;
    });
    const toProvince: Array<{ event_type: string }> = await federation
      .dataSource('000000')
      .query(
        `SELECT DISTINCT event_type FROM outbox WHERE target_node = '130000' AND kind = 'receipt'`,
      );
    expect(toProvince.map((r) => r.event_type)).toEqual([ReceiptV1.type]);
    // Nothing was refused on either side.
    for (const nodeId of ['000000', '130000'])
      expect(await count(federation, nodeId, `SELECT 1 FROM dead_letter`)).toBe(0);
  });
});

describe('a node rolled back from protocol 1.1 to 1.0', () => {
  const nodeEnv: Record<string, Record<string, string>> = {};
  const federation = new InProcessFederation({ launcher: NODE_LAUNCHER, tree: PAIR, nodeEnv });

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, '000000');
  });
  afterAll(() => federation.stop());

  it('gets the batch-signed events it can no longer read again, each signed alone', async () => {
    await provinceReads11(federation);
    await federation.stopNode('130000');
    // Batch-signed while the province was 1.1 as far as central knew.
    const ids = await emitToProvince(federation, 5);
    expect(
      await count(
        federation,
        '000000',
        `SELECT 1 FROM outbox WHERE event_id = ANY($1) AND envelope::jsonb ->> 'signature' LIKE 'mt1.5.%'`,
        [ids],
      ),
    ).toBe(5);
    nodeEnv['130000'] = { PROTOCOL_BATCH_FORMS: 'false' };
    await federation.startNode('130000');
    // Its first messages carry no Liandong-Protocol header: central re-signs what it re-sends.
    await allDelivered(federation, ids);
    expect(
      await count(
        federation,
        '130000',
        `SELECT 1 FROM inbox WHERE event_id = ANY($1) AND outcome = 'applied'`,
        [ids],
      ),
    ).toBe(5);
    expect(
      await count(
        federation,
        '000000',
        `SELECT 1 FROM peer_protocol WHERE node_id = '130000' AND NOT batch_forms`,
      ),
    ).toBe(1);
  });
});
