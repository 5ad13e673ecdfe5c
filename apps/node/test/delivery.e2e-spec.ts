import { NODE_LAUNCHER } from '../src/launch';
import { InProcessFederation } from '@liandong/local-federation';
import {
  count,
  craft,
  directivePayload,
  HEBEI_SAMPLE_TREE,
  inAMonth,
  publishEnvelope,
  publishRaw,
  waitFor,
  waitForDrained,
  waitForRegistrations,
} from './support';

describe('exactly once, in order, through outages', () => {
  const federation = new InProcessFederation({ launcher: NODE_LAUNCHER, tree: HEBEI_SAMPLE_TREE });

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, '000000');
  });
  afterAll(() => federation.stop());

  const issue = (title: string) =>
    federation.http('000000', 'POST', '/directives', {
      title,
      body: '正文',
      scope: 'subtree',
      reportDueAt: inAMonth(),
      issuedBy: '中央巡视办',
    });

  it('a county that was down while directives were issued catches up by itself, exactly once and in order', async () => {
    await federation.stopNode('130123');
    const ids: string[] = [];
    for (const title of ['第一号部署', '第二号部署', '第三号部署']) {
      const { status, body } = await issue(title);
      expect(status).toBe(201);
      ids.push(body.id);
    }
    // The rest of the tree is not held up by the missing county.
    await waitFor(
      '正定县’s sibling to get all three',
      async () =>
        (await count(federation, '130121', `SELECT 1 FROM directive WHERE id = ANY($1)`, [ids])) ===
        3,
    );
    expect(
      await count(federation, '130100', `SELECT 1 FROM directive WHERE id = ANY($1)`, [ids]),
    ).toBe(3);

    await federation.startNode('130123');
    await waitFor(
      'the restarted county to catch up',
      async () =>
        (await count(federation, '130123', `SELECT 1 FROM directive WHERE id = ANY($1)`, [ids])) ===
        3,
    );
    await waitForDrained(federation, '130123');

    const settled: Array<{ seq: string }> = await federation
      .dataSource('130123')
      .query(
        `SELECT seq FROM inbox WHERE issuer = '000000' AND audience = 'subtree:000000' ORDER BY settled_at, seq`,
      );
    expect(settled.map((row) => Number(row.seq))).toEqual([1, 2, 3]);
    expect(
      await count(
        federation,
        '130123',
        `SELECT 1 FROM audit_entry WHERE action = 'directive.received'`,
      ),
    ).toBe(3);
    // Central learns of the late county's receipt too.
    await waitFor('central to record receipt by the late county', async () => {
      const { body } = await federation.http('000000', 'GET', `/directives/${ids[2]}/status`);
      return body.nodes.find((n: { nodeId: string }) => n.nodeId === '130123')?.received === true;
    });
  });

  it('the same envelope delivered twice is applied once, and answered as a duplicate', async () => {
    const envelope = craft(federation, {
      issuer: '130100',
      audience: 'node:130121',
      seq: 1,
      payload: directivePayload('重复投递'),
    });
    const text = JSON.stringify(envelope);
    // Two different message ids: the broker cannot drop the second, only the inbox can.
    await publishRaw(federation, '130121', text, '130100');
    await publishRaw(federation, '130121', text, '130100');
    await waitForDrained(federation, '130121');
    expect(
      await count(federation, '130121', `SELECT 1 FROM inbox WHERE event_id = $1`, [envelope.id]),
    ).toBe(1);
    expect(
      await count(federation, '130121', `SELECT 1 FROM directive WHERE title = '重复投递'`),
    ).toBe(1);
    const receipts: Array<{ envelope: string }> = await federation
      .dataSource('130121')
      .query(
        `SELECT envelope FROM outbox WHERE kind = 'receipt' AND target_node = '130100' AND envelope LIKE $1`,
        [`%${envelope.id}%`],
      );
    expect(receipts.map((r) => JSON.parse(r.envelope).payload.outcome).sort()).toEqual([
      'applied',
      'duplicate',
    ]);
  });

  it('an event re-published after a relay crash between publish and mark is applied once and ends receipted', async () => {
    const { body } = await issue('崩溃重发');
    await waitFor(
      'the province to receive it',
      async () =>
        (await count(federation, '130000', `SELECT 1 FROM directive WHERE id = $1`, [body.id])) ===
        1,
    );
    const central = federation.dataSource('000000');
    const [row] = await central.query(
      `SELECT id, event_id FROM outbox WHERE target_node = '130000' AND event_type = 'directive.issued.v1' AND envelope LIKE $1`,
      [`%${body.id}%`],
    );
    await waitFor(
      'the province’s receipt at central',
      async () =>
        (await count(
          federation,
          '000000',
          `SELECT 1 FROM outbox WHERE id = $1 AND status = 'delivered'`,
          [row.id],
        )) === 1,
    );
    // As if the relay had published and then died before recording it: the row is due again, same attempt.
    await central.query(
      `UPDATE outbox SET status = 'pending', attempts = attempts - 1, receipted_at = NULL, receipt_outcome = NULL, next_attempt_at = now() WHERE id = $1`,
      [row.id],
    );
    await waitFor('the re-published event to be receipted again', async () => {
      const [again] = await central.query(
        `SELECT status, receipt_outcome FROM outbox WHERE id = $1`,
        [row.id],
      );
      return again.status === 'delivered' && again.receipt_outcome === 'duplicate';
    });
    expect(
      await count(federation, '130000', `SELECT 1 FROM directive WHERE id = $1`, [body.id]),
    ).toBe(1);
    expect(
      await count(federation, '130000', `SELECT 1 FROM inbox WHERE event_id = $1`, [row.event_id]),
    ).toBe(1);
    expect(
      await count(
        federation,
        '130000',
        `SELECT 1 FROM audit_entry WHERE action = 'directive.received' AND subject_id = $1`,
        [body.id],
      ),
    ).toBe(1);
  });

  it('holds back an event that arrives ahead of a gap and applies both in order once the gap fills', async () => {
    const first = craft(federation, {
      issuer: '130100',
      audience: 'node:130125',
      seq: 1,
      payload: directivePayload('先发'),
    });
    const second = craft(federation, {
      issuer: '130100',
      audience: 'node:130125',
      seq: 2,
      payload: directivePayload('后发'),
    });
    await publishEnvelope(federation, second, '130100');
    await waitFor(
      'the early event to be held',
      async () =>
        (await count(federation, '130125', `SELECT 1 FROM held_event WHERE event_id = $1`, [
          second.id,
        ])) === 1,
    );
    expect(await count(federation, '130125', `SELECT 1 FROM directive WHERE title = '后发'`)).toBe(
      0,
    );

    await publishEnvelope(federation, first, '130100');
    await waitFor(
      'both to be applied',
      async () =>
        (await count(
          federation,
          '130125',
          `SELECT 1 FROM directive WHERE title IN ('先发', '后发')`,
        )) === 2,
    );
    const order: Array<{ seq: string }> = await federation
      .dataSource('130125')
      .query(
        `SELECT seq FROM inbox WHERE issuer = '130100' AND audience = 'node:130125' ORDER BY settled_at, seq`,
      );
    expect(order.map((r) => Number(r.seq))).toEqual([1, 2]);
    expect(await count(federation, '130125', `SELECT 1 FROM held_event`)).toBe(0);
  });
});
