import { NODE_LAUNCHER } from '../src/launch';
import { generateSigningKeyPair } from '@liandong/protocol';
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

interface DeadLetterView {
  kind: string;
  reasonCode: string;
  reason: string;
  eventId: string | null;
}

describe('refused envelopes are recorded, never applied, and never block what follows', () => {
  const federation = new InProcessFederation({ launcher: NODE_LAUNCHER, tree: HEBEI_SAMPLE_TREE });

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, '000000');
  });
  afterAll(() => federation.stop());

  async function deadLetterFor(nodeId: string, eventId: string): Promise<DeadLetterView> {
    return waitFor(`a dead letter for ${eventId} at ${nodeId}`, async () => {
      const { body } = await federation.http<DeadLetterView[]>(nodeId, 'GET', '/dead-letters');
      return body.find((d) => d.eventId === eventId);
    });
  }

  const directiveCount = (nodeId: string, title: string) =>
    count(federation, nodeId, `SELECT 1 FROM directive WHERE title = $1`, [title]);

  it('refuses a forged signature', async () => {
    const envelope = craft(federation, {
      issuer: '130000',
      audience: 'node:130121',
      seq: 1,
      payload: directivePayload('伪造签名'),
    });
    const tampered = {
      ...envelope,
      payload: { ...(envelope.payload as object), title: '篡改后的标题' },
    };
    await publishEnvelope(federation, tampered, '130000');
    const letter = await deadLetterFor('130121', envelope.id);
    expect(letter).toMatchObject({ kind: 'rejected', reasonCode: 'BAD_SIGNATURE' });
    expect(await directiveCount('130121', '篡改后的标题')).toBe(0);
  });

  it('refuses a county key that claims to be central', async () => {
    const countyKey = federation.node('130123').bundle.key;
    const envelope = craft(federation, {
      issuer: '000000',
      audience: 'node:130121',
      seq: 1,
      key: countyKey,
      payload: directivePayload('冒充中央'),
    });
    await publishEnvelope(federation, envelope, '130123');
    expect(await deadLetterFor('130121', envelope.id)).toMatchObject({
      kind: 'rejected',
      reasonCode: 'KEY_NOT_ISSUER',
    });
    expect(await directiveCount('130121', '冒充中央')).toBe(0);
  });

  it('refuses a key nobody certified, and a directive from a node that is not an ancestor', async () => {
    const stranger = craft(federation, {
      issuer: '130100',
      audience: 'node:130121',
      seq: 1,
      key: generateSigningKeyPair(),
      payload: directivePayload('无证密钥'),
    });
    await publishEnvelope(federation, stranger, '130100');
    expect(await deadLetterFor('130121', stranger.id)).toMatchObject({
      kind: 'rejected',
      reasonCode: 'UNKNOWN_KEY',
    });

    // A county directing its sibling: authentic, but not its authority. It uses up its sequence slot.
    const sibling = craft(federation, {
      issuer: '130123',
      audience: 'node:130121',
      seq: 1,
      payload: directivePayload('同级下令'),
    });
    await publishEnvelope(federation, sibling, '130123');
    expect(await deadLetterFor('130121', sibling.id)).toMatchObject({
      kind: 'rejected',
      reasonCode: 'NOT_AUTHORIZED',
    });
    expect(await directiveCount('130121', '同级下令')).toBe(0);
  });

  it('refuses an old sequence replayed under a new id, and an expired envelope, and lets the next one through', async () => {
    const first = craft(federation, {
      issuer: '130000',
      audience: 'node:130125',
      seq: 1,
      payload: directivePayload('序号一'),
    });
    await publishEnvelope(federation, first, '130000');
    await waitFor(
      'the first to apply',
      async () => (await directiveCount('130125', '序号一')) === 1,
    );

    const replay = craft(federation, {
      issuer: '130000',
      audience: 'node:130125',
      seq: 1,
      payload: directivePayload('重放旧序号'),
    });
    await publishEnvelope(federation, replay, '130000');
    expect(await deadLetterFor('130125', replay.id)).toMatchObject({
      kind: 'rejected',
      reasonCode: 'STALE_SEQUENCE',
    });

    const expired = craft(federation, {
      issuer: '130000',
      audience: 'node:130125',
      seq: 2,
      issuedAt: new Date(Date.now() - 2 * 3600_000),
      ttlMs: 3600_000,
      payload: directivePayload('已过期'),
    });
    await publishEnvelope(federation, expired, '130000');
    expect(await deadLetterFor('130125', expired.id)).toMatchObject({
      kind: 'rejected',
      reasonCode: 'EXPIRED',
    });

    const third = craft(federation, {
      issuer: '130000',
      audience: 'node:130125',
      seq: 3,
      payload: directivePayload('序号三'),
    });
    await publishEnvelope(federation, third, '130000');
    await waitFor(
      'the next in sequence to apply',
      async () => (await directiveCount('130125', '序号三')) === 1,
    );
    expect(await directiveCount('130125', '重放旧序号')).toBe(0);
    expect(await directiveCount('130125', '已过期')).toBe(0);
  });

  it('dead-letters a malformed payload and a non-JSON message while later events still flow', async () => {
    await publishRaw(federation, '130123', 'this is not an envelope', '130100');
    const bad = craft(federation, {
      issuer: '130100',
      audience: 'node:130123',
      seq: 1,
      payload: { directiveId: 'not-a-uuid', title: '' },
    });
    await publishEnvelope(federation, bad, '130100');
    const good = craft(federation, {
      issuer: '130100',
      audience: 'node:130123',
      seq: 2,
      payload: directivePayload('坏消息之后'),
    });
    await publishEnvelope(federation, good, '130100');

    await waitFor(
      'the good event after the bad one to apply',
      async () => (await directiveCount('130123', '坏消息之后')) === 1,
    );
    const letter = await deadLetterFor('130123', bad.id);
    expect(letter.kind).toBe('dead_lettered');
    expect(letter.reasonCode).toBe('INVALID_PAYLOAD');
    expect(letter.reason).toMatch(/directiveId/);
    expect(letter.reason).toMatch(/title/);
    const [audited] = await federation
      .dataSource('130123')
      .query(
        `SELECT actor, detail FROM audit_entry WHERE action = 'event.refused' AND subject_id = $1`,
        [bad.id],
      );
    expect(audited).toMatchObject({
      actor: 'node:130100',
      detail: { code: 'INVALID_PAYLOAD', kind: 'dead_lettered' },
    });
    const malformed = await waitFor('the non-JSON message to be recorded', async () => {
      const { body } = await federation.http<DeadLetterView[]>(
        '130123',
        'GET',
        '/dead-letters?kind=dead_lettered',
      );
      return body.find((d) => d.reasonCode === 'MALFORMED');
    });
    expect(malformed.reason).toBe('message body is not JSON');
    // The sender is told through a signed receipt that says why.
    const receipts: Array<{ envelope: string }> = await federation
      .dataSource('130123')
      .query(
        `SELECT envelope FROM outbox WHERE kind = 'receipt' AND target_node = '130100' AND envelope LIKE $1`,
        [`%${bad.id}%`],
      );
    expect(receipts.map((r) => JSON.parse(r.envelope).payload)).toEqual([
      expect.objectContaining({
        eventId: bad.id,
        outcome: 'dead_lettered',
        reasonCode: 'INVALID_PAYLOAD',
      }),
    ]);
    await waitForDrained(federation, '130123');
  });

  it('answers bad HTTP input with 400 naming each bad field, and stores nothing', async () => {
    const directivesBefore = await count(federation, '000000', `SELECT 1 FROM directive`);
    const outboxBefore = await count(federation, '000000', `SELECT 1 FROM outbox`);
    const { status, body } = await federation.http('000000', 'POST', '/directives', {
      title: '',
      body: '正文',
      scope: 'everyone',
      reportDueAt: 'next week',
      policies: [{ key: 'Bad Key', value: 'three', effectiveFrom: '2026-13' }],
      surprise: true,
    });
    expect(status).toBe(400);
    expect(body.error).toBe('VALIDATION_FAILED');
    const fields = (body.fields as Array<{ field: string }>).map((f) => f.field).sort();
    expect(fields).toEqual(
      [
        'issuedBy',
        'policies.0.effectiveFrom',
        'policies.0.key',
        'policies.0.value',
        'reportDueAt',
        'scope',
        'surprise',
        'title',
      ].sort(),
    );
    expect((await federation.http('000000', 'POST', '/directives', '{"title": ')).status).toBe(400);
    expect(
      (
        await federation.http('000000', 'POST', '/directives/not-a-uuid/acknowledge', {
          acknowledgedBy: 'x',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await federation.http(
          '000000',
          'GET',
          '/policies/rectification.progress_report_months/in-force?on=tomorrow',
        )
      ).status,
    ).toBe(400);
    expect(await count(federation, '000000', `SELECT 1 FROM directive`)).toBe(directivesBefore);
    expect(await count(federation, '000000', `SELECT 1 FROM outbox`)).toBe(outboxBefore);
  });

  it('refuses a body over the size limit with a clear error, and stores nothing', async () => {
    const before = await count(federation, '000000', `SELECT 1 FROM directive`);
    const { status, body } = await federation.http('000000', 'POST', '/directives', {
      title: '超大',
      body: '字'.repeat(600_000),
      scope: 'children',
      reportDueAt: inAMonth(),
      issuedBy: '中央巡视办',
    });
    expect(status).toBe(413);
    expect(body.message).toMatch(/过大/);
    expect(body.messageEn).toMatch(/too large/i);
    expect(await count(federation, '000000', `SELECT 1 FROM directive`)).toBe(before);
  });

  it('refuses domain misuse with a code that says what to do', async () => {
    const issued = await federation.http('000000', 'POST', '/directives', {
      title: '只发给子节点',
      body: '正文',
      scope: 'children',
      reportDueAt: inAMonth(),
      issuedBy: '中央巡视办',
    });
    expect(issued.status).toBe(201);
    const ownAck = await federation.http(
      '000000',
      'POST',
      `/directives/${issued.body.id}/acknowledge`,
      { acknowledgedBy: '中央' },
    );
    expect(ownAck.status).toBe(409);
    expect(ownAck.body.error).toBe('NOT_A_RECEIVED_DIRECTIVE');
    await waitFor(
      'the province to receive it',
      async () =>
        (await federation.http('130000', 'GET', `/directives/${issued.body.id}`)).status === 200,
    );
    const early = await federation.http('130000', 'POST', `/directives/${issued.body.id}/report`, {
      reportedBy: '省',
      summary: '完成',
    });
    expect(early.status).toBe(409);
    expect(early.body.error).toBe('NOT_ACKNOWLEDGED');
    // Only the children were addressed: the city below never sees it.
    expect((await federation.http('130100', 'GET', `/directives/${issued.body.id}`)).status).toBe(
      404,
    );
    const leaf = await federation.http('130121', 'POST', '/directives', {
      title: '县无下级',
      body: '正文',
      scope: 'subtree',
      reportDueAt: inAMonth(),
      issuedBy: '县巡察办',
    });
    expect(leaf.status).toBe(409);
    expect(leaf.body.error).toBe('NO_RECIPIENTS');
  });
});
