import { createHash } from 'node:crypto';
import { InProcessFederation } from '@liandong/local-federation';
import { SettableClock } from '@liandong/messaging';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import {
  canonicalize,
  chinaDate,
  generateBoxKeyPair,
  InformationAnsweredV1,
  InformationRequestedV1,
  InformationRequestedV2,
  nodeSubject,
  seal,
  streamName,
  uuidv7,
} from '@liandong/protocol';
import { NODE_LAUNCHER } from '../src/launch';
import { Caller, RectificationFederation, Team, unique } from './rectification/federation-helpers';
import {
  craft,
  HEBEI_SAMPLE_TREE,
  publishEnvelope,
  refusedBy,
  waitFor,
  waitForRegistrations,
} from './support';

const PROVINCE = '130000';
const CITY = '130100';
const JINGXING = '130121';
const DAY = 86_400_000;
const SUMMARY = '近三年对该局领导班子成员收到信访举报3件，均已办结，详见附件。';
const FILE = Buffer.from('%PDF-1.7\n信访举报办理情况汇总\n%%EOF\n');

/**
 * 巡前信息沟通 across two tiers: 井陉县's office asks 石家庄市's discipline body about the target
 * of its inspection; the body answers with a sealed attachment that only 井陉县's team opens,
 * and 石家庄市 cannot read after sending. A late answer, overdue at both ends before it, marked
 * late by the injected clock; a forged answer from a node that was not asked, refused.
 */
describe('information requests between 井陉县 and 石家庄市', () => {
  const clock = new SettableClock(new Date());
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 4),
    clock,
  });
  const world = new RectificationFederation(federation, clock);
  let office: Caller;
  let body: Caller;
  let clerk: Caller;
  let team: Team;

  beforeAll(async () => {
    await federation.start({ except: ['000000', PROVINCE] });
    await waitForRegistrations(federation, CITY);
    office = await world.user(JINGXING, `office${unique()}`, ['inspection_office']);
    body = await world.user(CITY, `jiwei${unique()}`, ['receiving_body']);
    clerk = await world.user(JINGXING, `clerk${unique()}`, ['team_member']);
    const code = await world.organization(JINGXING, `井陉县某局党组${unique()}`);
    team = await world.team(JINGXING, code);
  }, 180_000);
  afterAll(() => federation.stop());

  const ask = (over: object = {}) =>
    office('POST', `/inspections/${team.id}/information-requests`, {
      body: '纪检监察机关',
      subject: '领导班子成员信访举报情况',
      details: '请提供近三年对该局领导班子成员的信访举报及办理情况。',
      targetNode: CITY,
      ...over,
    });
  const received = (id: string) =>
    waitFor(`石家庄市 to receive ${id}`, async () => {
      const { body: list } = await body('GET', '/information-requests');
      return (list.received as Array<{ id: string; state: string }>).find((r) => r.id === id);
    });
  const sentState = async (id: string) => {
    const { body: list } = await office('GET', '/information-requests');
    return (list.sent as Array<{ id: string; state: string; late: boolean }>).find(
      (r) => r.id === id,
    );
  };

  it('names each bad field with a 400', async () => {
    const refused = await ask({ body: 'police', answerBy: '2026-02-30' });
    expect(refused.status).toBe(400);
    expect(refused.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'answerBy',
      'body',
    ]);
    // Named for what it is here: the body asked (a directive's `body` is its text, 正文).
    expect(refused.body.fields.find((f: { field: string }) => f.field === 'body').label).toBe(
      '受询机关（body）',
    );
  });

  it('is answered with a sealed attachment only 井陉县’s team opens, unreadable at 石家庄市', async () => {
    const sent = await ask();
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      state: 'open',
      targetNodeLabel: expect.stringContaining('石家庄市'),
    });
    expect((await received(sent.body.id)).state).toBe('open');

    const answered = await body('POST', `/information-requests/${sent.body.id}/answer`, {
      summary: SUMMARY,
      attachments: [
        {
          filename: '汇总.pdf',
          contentType: 'application/pdf',
          contentBase64: FILE.toString('base64'),
        },
      ],
    });
    expect(answered.status).toBe(201);
    await waitFor('井陉县 to hold the answer', async () =>
      (await sentState(sent.body.id))?.state === 'answered' ? true : undefined,
    );

    const opened = await team.member('GET', `/information-requests/${sent.body.id}/answer`);
    expect(opened.status).toBe(200);
    expect(opened.body.summary).toBe(SUMMARY);
    expect(Buffer.from(opened.body.attachments[0].contentBase64, 'base64')).toEqual(FILE);
    expect(opened.body.attachments[0].sha256).toBe(createHash('sha256').update(FILE).digest('hex'));

    const notOnTeam = await clerk('GET', `/information-requests/${sent.body.id}/answer`);
    expect(notOnTeam).toMatchObject({ status: 403, body: { error: 'NOT_ON_TEAM' } });
    const officeReads = await office('GET', `/information-requests/${sent.body.id}/answer`);
    expect(officeReads).toMatchObject({ status: 403, body: { error: 'FORBIDDEN' } });
    const audit = await federation
      .dataSource(JINGXING)
      .query(`SELECT actor, action FROM audit_entry WHERE subject_id = $1 ORDER BY seq`, [
        sent.body.id,
      ]);
    expect(audit).toContainEqual({
      actor: `user:${team.member.username}`,
      action: 'information_request.answer_read',
    });

    // 石家庄市 sent it and cannot read it again: no box kept, the outbox holds only ciphertext.
    expect((await body('GET', `/information-requests/${sent.body.id}/answer`)).status).toBe(403);
    const cityMember = await world.user(CITY, `member${unique()}`, ['team_member']);
    expect((await cityMember('GET', `/information-requests/${sent.body.id}/answer`)).status).toBe(
      404,
    );
    const rows = await federation
      .dataSource(CITY)
      .query(`SELECT * FROM information_request WHERE id = $1`, [sent.body.id]);
    expect(rows).toEqual([expect.objectContaining({ sealed: null, attachment_count: 1 })]);
    const outbox = await federation
      .dataSource(CITY)
      .query(`SELECT envelope FROM outbox WHERE event_type = $1`, [InformationAnsweredV1.type]);
    expect(JSON.stringify(outbox)).not.toContain('信访举报3件');
  });

  it('shows an unanswered request overdue at both ends, then its answer late, by the injected clock', async () => {
    const answerBy = chinaDate(new Date(clock.now().getTime() + 2 * DAY));
    const sent = await ask({ answerBy });
    expect(sent.body.answerBy).toBe(answerBy);
    await received(sent.body.id);
    clock.advance(4 * DAY);
    expect(await sentState(sent.body.id)).toMatchObject({ state: 'overdue' });
    expect(await received(sent.body.id)).toMatchObject({ state: 'overdue' });
    const { body: list } = await office('GET', '/information-requests');
    expect(list.summary.overdue).toBeGreaterThanOrEqual(1);

    const answered = await body('POST', `/information-requests/${sent.body.id}/answer`, {
      summary: '迟复：无信访件。',
    });
    expect(answered.body).toMatchObject({ state: 'answered_late', late: true });
    await waitFor('井陉县 to mark the answer late', async () =>
      (await sentState(sent.body.id))?.state === 'answered_late' ? true : undefined,
    );
    expect(
      (await team.leader('GET', `/information-requests/${sent.body.id}/answer`)).body,
    ).toMatchObject({
      late: true,
      summary: '迟复：无信访件。',
    });
  });

  it('refuses to a dead letter an answer from a node that was not asked', async () => {
    const sent = await ask();
    await received(sent.body.id);
    const jingxing = federation.node(JINGXING).bundle.bodies?.inspection_office;
    if (!jingxing) throw new Error('no inspection office key');
    const forged: InformationAnsweredV1 = {
      requestId: sent.body.id,
      answeredAt: clock.now().toISOString(),
      answeredBy: '冒名者',
      attachmentCount: 0,
      sealed: seal(JSON.stringify({ summary: '伪造的答复', attachments: [] }), {
        nodeId: JINGXING,
        body: 'inspection_office',
        publicKey: jingxing.publicKey,
      }),
    };
    const refused = await refusedBy(federation, {
      target: JINGXING,
      issuer: PROVINCE,
      type: InformationAnsweredV1.type,
      payload: forged,
      issuedAt: clock.now(),
    });
    expect(refused.reasonCode).toBe('NOT_AUTHORIZED');
    const unknown = await refusedBy(federation, {
      target: JINGXING,
      issuer: PROVINCE,
      seq: 2,
      type: InformationAnsweredV1.type,
      payload: { ...forged, requestId: uuidv7() },
      issuedAt: clock.now(),
    });
    expect(unknown.reasonCode).toBe('NOT_FOUND');
    expect(await sentState(sent.body.id)).toMatchObject({ state: 'open' });
  });

  /** The bodies of every message 井陉县 put on 石家庄市's subject, as the broker keeps them. */
  async function onTheBroker(): Promise<string[]> {
    const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
    try {
      const jsm = await jetstreamManager(nc);
      const stream = streamName(federation.federation);
      const { state } = await jsm.streams.info(stream);
      const subject = nodeSubject(federation.federation, CITY, JINGXING);
      const bodies: string[] = [];
      for (let seq = state.first_seq; seq <= state.last_seq; seq += 1) {
        const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
        if (message?.subject === subject) bodies.push(message.string());
      }
      return bodies;
    } finally {
      await nc.close();
    }
  }

  it("carries the request's words sealed to the asked body: the broker holds neither subject nor details", async () => {
    const subject = `领导班子成员个人有关事项报告情况${unique()}`;
    const details = `请提供该局领导班子成员近三年个人有关事项报告的核查结果${unique()}`;
    const sent = await ask({ subject, details });
    expect(sent.status).toBe(201);
    const seen = await received(sent.body.id);
    expect(seen).toMatchObject({ subject, details });
    const messages = await onTheBroker();
    const request = messages
      .map((m) => JSON.parse(m))
      .find((e) => e.type === InformationRequestedV2.type && e.payload.requestId === sent.body.id);
    expect(request?.payload.sealed).toMatchObject({ recipientNode: CITY, body: 'discipline' });
    for (const text of [subject, details])
      expect(messages.some((m) => m.includes(text))).toBe(false);
  });

  it('still records a v1 request from a node that sends the words in the clear, and refuses a v2 sealed to another key', async () => {
    const words = { subject: `旧版本请求${unique()}`, details: '请提供有关情况。' };
    const common = {
      kind: 'information' as const,
      body: 'discipline' as const,
      inspectionId: uuidv7(),
      organizationName: '河北省某厅党组',
      answerBy: chinaDate(new Date(clock.now().getTime() + 10 * DAY)),
      requestedAt: clock.now().toISOString(),
    };
    const v1: InformationRequestedV1 = { requestId: uuidv7(), ...common, ...words };
    await publishEnvelope(
      federation,
      craft(federation, {
        issuer: PROVINCE,
        audience: `node:${CITY}`,
        seq: 1,
        type: InformationRequestedV1.type,
        payload: v1,
        issuedAt: clock.now(),
      }),
      PROVINCE,
    );
    expect(await received(v1.requestId)).toMatchObject(words);

    const stranger = generateBoxKeyPair();
    const v2: InformationRequestedV2 = {
      requestId: uuidv7(),
      ...common,
      sealed: seal(canonicalize(words), {
        nodeId: CITY,
        body: 'discipline',
        publicKey: stranger.publicKey,
      }),
    };
    const refused = await refusedBy(federation, {
      target: CITY,
      issuer: PROVINCE,
      seq: 2,
      type: InformationRequestedV2.type,
      payload: v2,
      issuedAt: clock.now(),
    });
    expect(refused.reasonCode).toBe('INVALID_PAYLOAD');
  });
});
