import { createHash } from 'node:crypto';
import {
  generateBoxKeyPair,
  InformationAnsweredV1,
  InformationRequestedV2,
  open,
  seal,
  uuidv7,
} from '@liandong/protocol';
import { RequestQueries } from '../src/requests/request.queries';
import { ReadAnswer } from '../src/requests/use-cases/read-answer.usecase';
import { SendRequest } from '../src/requests/use-cases/send-request.usecase';
import {
  boxKey,
  CITY,
  COUNTY,
  DAY,
  exchangeNode,
  inspection,
  OFFICE,
  PROVINCE,
  publishBodyKeys,
  SIBLING,
  trail,
} from './exchange.fixture';

const FILE = Buffer.from('信访举报汇总');
const ASK = {
  body: 'discipline' as const,
  subject: '领导班子成员信访举报情况',
  details: '请提供近三年对该单位领导班子成员的信访举报及办理情况。',
};

/** 巡前信息沟通 and 巡中监督手段支持 as 井陉县 sends them, and the answers it takes in. */
describe('information and support requests the county sends', () => {
  const node = exchangeNode();
  beforeAll(async () => {
    await node.start();
    // The asked bodies' keys, as their nodes publish them: the request's words are sealed to them.
    for (const asked of [CITY, PROVINCE]) await publishBodyKeys(node, asked);
  });
  afterAll(() => node.stop());

  /** What the city's discipline body answers, sealed to `publicKey` (the county's office by default). */
  const answer = (requestId: string, over: Partial<InformationAnsweredV1> = {}) => {
    const text = JSON.stringify({
      summary: '近三年收到信访举报3件，均已办结。',
      attachments: [
        {
          filename: '汇总.txt',
          contentType: 'text/plain',
          size: FILE.length,
          sha256: createHash('sha256').update(FILE).digest('hex'),
          contentBase64: FILE.toString('base64'),
        },
      ],
    });
    const payload: InformationAnsweredV1 = {
      requestId,
      answeredAt: node.clock.now().toISOString(),
      answeredBy: 'jiwei',
      attachmentCount: 1,
      sealed: seal(text, {
        nodeId: COUNTY,
        body: 'inspection_office',
        publicKey: boxKey(node, COUNTY, 'inspection_office').publicKey,
      }),
      ...over,
    };
    return payload;
  };

  it('sends an information request to the city’s discipline body, due by the policy (10 days)', async () => {
    const scene = await inspection(node);
    const sent = await node
      .get(SendRequest)
      .execute(scene.inspectionId, 'information', { ...ASK, targetNode: CITY }, OFFICE);
    expect(sent).toMatchObject({
      kind: 'information',
      fromNode: COUNTY,
      targetNode: CITY,
      answerBy: '2026-11-30',
      state: 'open',
      organizationName: scene.organizationName,
    });
    const events = (await node.sent<InformationRequestedV2>(InformationRequestedV2.type)).filter(
      (e) => e.payload.requestId === sent.id,
    );
    expect(events).toEqual([
      {
        audience: `node:${CITY}`,
        payload: expect.objectContaining({ body: 'discipline', answerBy: '2026-11-30' }),
      },
    ]);
    // The words travel sealed to the city's discipline body, and only its key opens them.
    expect(events[0].payload).not.toHaveProperty('subject');
    expect(JSON.parse(open(events[0].payload.sealed, boxKey(node, CITY, 'discipline')))).toEqual({
      subject: ASK.subject,
      details: ASK.details,
    });
    expect(await trail(node, sent.id)).toEqual(['user:office information_request.sent']);
  });

  it('routes by cadre tier along the line, and refuses a node off it or a due day past the policy', async () => {
    const scene = await inspection(node);
    const send = (dto: object) =>
      node.get(SendRequest).execute(scene.inspectionId, 'information', { ...ASK, ...dto }, OFFICE);
    expect(await send({ cadreTier: 'provincial' })).toMatchObject({ targetNode: PROVINCE });
    expect(await send({})).toMatchObject({ targetNode: COUNTY });
    await expect(send({ targetNode: SIBLING })).rejects.toMatchObject({ code: 'NOT_ON_LINE' });
    await expect(send({ answerBy: '2026-12-01' })).rejects.toMatchObject({
      code: 'BAD_ANSWER_BY',
      status: 400,
    });
    await expect(send({ answerBy: '2026-11-20' })).rejects.toMatchObject({ code: 'BAD_ANSWER_BY' });
    expect(await send({ answerBy: '2026-11-25', targetNode: CITY })).toMatchObject({
      answerBy: '2026-11-25',
    });
  });

  it('lets only the team’s leader ask for a support measure', async () => {
    const scene = await inspection(node);
    const support = (user = scene.leader) =>
      node
        .get(SendRequest)
        .execute(
          scene.inspectionId,
          'support',
          { ...ASK, subject: '请核实某问题', targetNode: CITY },
          user,
        );
    await expect(support(scene.member)).rejects.toMatchObject({
      code: 'WRONG_TEAM_ROLE',
      status: 403,
    });
    await expect(support({ ...scene.outsider, roles: ['team_leader'] })).rejects.toMatchObject({
      code: 'NOT_ON_TEAM',
    });
    expect(await support()).toMatchObject({ kind: 'support', kindLabel: '巡中监督手段支持' });
  });

  it('takes the answer from the asked node, opens it for the team only, audited', async () => {
    const scene = await inspection(node);
    const sent = await node
      .get(SendRequest)
      .execute(scene.inspectionId, 'information', { ...ASK, targetNode: CITY }, OFFICE);
    await expect(node.get(ReadAnswer).execute(sent.id, scene.member)).rejects.toMatchObject({
      code: 'NOT_ANSWERED',
    });
    expect(await node.deliver(CITY, InformationAnsweredV1.type, answer(sent.id))).toMatchObject({
      outcome: 'applied',
    });
    const listed = (await node.get(RequestQueries).list()).sent.find((r) => r.id === sent.id);
    expect(listed).toMatchObject({
      state: 'answered',
      late: false,
      answerHeld: true,
      attachmentCount: 1,
    });
    await expect(node.get(ReadAnswer).execute(sent.id, scene.outsider)).rejects.toMatchObject({
      code: 'NOT_ON_TEAM',
      status: 403,
    });
    const opened = await node.get(ReadAnswer).execute(sent.id, scene.member);
    expect(opened).toMatchObject({ summary: '近三年收到信访举报3件，均已办结。', late: false });
    expect(opened.attachments).toHaveLength(1);
    expect(await trail(node, sent.id)).toEqual([
      'user:office information_request.sent',
      `node:${CITY} information_request.answer_received`,
      `user:${scene.member.username} information_request.answer_read`,
    ]);
  });

  it('refuses answers that do not match an open request it sent to their sender', async () => {
    const scene = await inspection(node);
    const sent = await node
      .get(SendRequest)
      .execute(scene.inspectionId, 'information', { ...ASK, targetNode: CITY }, OFFICE);
    const refused = (issuer: string, payload: InformationAnsweredV1) =>
      node.deliver(issuer, InformationAnsweredV1.type, payload);
    expect(await refused(SIBLING, answer(sent.id))).toMatchObject({
      outcome: 'dead_lettered',
      reasonCode: 'NOT_AUTHORIZED',
    });
    expect(await refused(CITY, answer(uuidv7()))).toMatchObject({
      outcome: 'dead_lettered',
      reasonCode: 'NOT_FOUND',
    });
    const elsewhere = answer(sent.id, {
      sealed: seal('{}', {
        nodeId: COUNTY,
        body: 'discipline',
        publicKey: generateBoxKeyPair().publicKey,
      }),
    });
    expect(await refused(CITY, elsewhere)).toMatchObject({ reasonCode: 'NOT_AUTHORIZED' });
    expect(await refused(CITY, answer(sent.id))).toMatchObject({ outcome: 'applied' });
    expect(await refused(CITY, answer(sent.id))).toMatchObject({
      outcome: 'dead_lettered',
      reasonCode: 'CONFLICT',
    });
  });

  it('shows an unanswered request overdue after its day, and an answer after it late', async () => {
    const scene = await inspection(node);
    const sent = await node
      .get(SendRequest)
      .execute(
        scene.inspectionId,
        'information',
        { ...ASK, targetNode: CITY, answerBy: '2026-11-22' },
        OFFICE,
      );
    const state = async () =>
      (await node.get(RequestQueries).list()).sent.find((r) => r.id === sent.id);
    // 2026-11-22 23:59 in Beijing is still on time.
    node.clock.set(new Date('2026-11-22T15:59:00Z'));
    expect(await state()).toMatchObject({ state: 'open', overdue: false });
    node.clock.set(new Date('2026-11-22T16:00:00Z'));
    expect(await state()).toMatchObject({
      state: 'overdue',
      overdue: true,
      stateLabel: '逾期未答复',
    });
    expect((await node.get(RequestQueries).list()).summary.overdue).toBeGreaterThanOrEqual(1);
    node.clock.advance(DAY);
    await node.deliver(CITY, InformationAnsweredV1.type, answer(sent.id));
    expect(await state()).toMatchObject({
      state: 'answered_late',
      late: true,
      stateLabel: '逾期答复',
    });
    expect(await node.get(ReadAnswer).execute(sent.id, scene.leader)).toMatchObject({ late: true });
  });
});
