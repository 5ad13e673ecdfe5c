import { InformationAnsweredV1, InformationRequestedV1, open, uuidv7 } from '@liandong/protocol';
import { RequestQueries } from '../src/requests/request.queries';
import { AnswerRequest } from '../src/requests/use-cases/answer-request.usecase';
import { ReadAnswer } from '../src/requests/use-cases/read-answer.usecase';
import { SendRequest } from '../src/requests/use-cases/send-request.usecase';
import {
  boxKey,
  CITY,
  COUNTY,
  exchangeNode,
  inspection,
  OFFICE,
  publishBodyKeys,
  SIBLING,
  trail,
} from './exchange.fixture';

/** Requests the county's bodies are asked: only along the tree, answered once, sealed to the asker. */
describe('information requests the county receives', () => {
  const node = exchangeNode();
  beforeAll(async () => {
    await node.start();
    await publishBodyKeys(node, CITY);
  });
  afterAll(() => node.stop());

  const body = node.person('jiwei', 'receiving_body');
  const request = (over: Partial<InformationRequestedV1> = {}): InformationRequestedV1 => ({
    requestId: uuidv7(),
    kind: 'information',
    body: 'discipline',
    inspectionId: uuidv7(),
    organizationName: '井陉县某镇党委',
    subject: '班子成员问题线索处置情况',
    details: '请提供近三年的问题线索处置情况。',
    answerBy: '2026-11-30',
    requestedAt: node.clock.now().toISOString(),
    ...over,
  });

  it('records a request from the city, answers it sealed to the city’s inspection office, keeps no box', async () => {
    const asked = request();
    expect(await node.deliver(CITY, InformationRequestedV1.type, asked)).toMatchObject({
      outcome: 'applied',
    });
    const listed = await node.get(RequestQueries).list();
    expect(listed.received.find((r) => r.id === asked.requestId)).toMatchObject({
      fromNode: CITY,
      targetNode: COUNTY,
      state: 'open',
    });
    expect(listed.summary.toAnswer).toBeGreaterThanOrEqual(1);
    const file = Buffer.from('%PDF-1.7 处置情况');
    const answered = await node.get(AnswerRequest).execute(
      asked.requestId,
      {
        summary: '共处置问题线索2件。',
        attachments: [
          {
            filename: '处置.pdf',
            contentType: 'application/pdf',
            contentBase64: file.toString('base64'),
          },
        ],
      },
      body,
    );
    expect(answered).toMatchObject({ state: 'answered', attachmentCount: 1, answerHeld: false });
    const events = (await node.sent<InformationAnsweredV1>(InformationAnsweredV1.type)).filter(
      (e) => e.payload.requestId === asked.requestId,
    );
    expect(events).toHaveLength(1);
    expect(events[0].audience).toBe(`node:${CITY}`);
    const { sealed } = events[0].payload;
    expect(sealed).toMatchObject({ recipientNode: CITY, body: 'inspection_office' });
    const text = JSON.parse(open(sealed, boxKey(node, CITY, 'inspection_office')));
    expect(text.summary).toBe('共处置问题线索2件。');
    expect(Buffer.from(text.attachments[0].contentBase64, 'base64')).toEqual(file);
    const [row] = await node.dataSource.query('SELECT * FROM information_request WHERE id = $1', [
      asked.requestId,
    ]);
    expect(row.sealed).toBeNull();
    expect(JSON.stringify(row)).not.toContain('共处置');
    await expect(
      node.get(AnswerRequest).execute(asked.requestId, { summary: '再答一次。' }, body),
    ).rejects.toMatchObject({ code: 'ALREADY_ANSWERED' });
    expect(await trail(node, asked.requestId)).toEqual([
      `node:${CITY} information_request.received`,
      'user:jiwei information_request.answered',
    ]);
  });

  it('refuses a request from off its line, a second copy, and one to a body that is not asked', async () => {
    expect(await node.deliver(SIBLING, InformationRequestedV1.type, request())).toMatchObject({
      outcome: 'dead_lettered',
      reasonCode: 'NOT_AUTHORIZED',
    });
    const asked = request();
    await node.deliver(CITY, InformationRequestedV1.type, asked);
    expect(await node.deliver(CITY, InformationRequestedV1.type, asked)).toMatchObject({
      outcome: 'dead_lettered',
      reasonCode: 'CONFLICT',
    });
    expect(
      await node.deliver(CITY, InformationRequestedV1.type, {
        ...request(),
        body: 'inspection_office',
      }),
    ).toMatchObject({ outcome: 'dead_lettered', reasonCode: 'INVALID_PAYLOAD' });
    expect(
      await node.deliver(CITY, InformationRequestedV1.type, request({ answerBy: '2026-02-30' })),
    ).toMatchObject({ outcome: 'dead_lettered', reasonCode: 'INVALID_PAYLOAD' });
  });

  it('refuses attachments over 256 KiB together', async () => {
    const asked = request();
    await node.deliver(CITY, InformationRequestedV1.type, asked);
    const big = Buffer.alloc(200 * 1024, 1).toString('base64');
    await expect(
      node.get(AnswerRequest).execute(
        asked.requestId,
        {
          summary: '附件过大。',
          attachments: [
            { filename: 'a.bin', contentType: 'application/octet-stream', contentBase64: big },
            { filename: 'b.bin', contentType: 'application/octet-stream', contentBase64: big },
          ],
        },
        body,
      ),
    ).rejects.toMatchObject({ code: 'ATTACHMENTS_TOO_LARGE', status: 400 });
  });

  it('answers a request to its own bodies without an event, the box kept for its own team', async () => {
    const scene = await inspection(node);
    const sent = await node
      .get(SendRequest)
      .execute(
        scene.inspectionId,
        'information',
        { body: 'petitions', subject: '信访情况', details: '请提供信访情况。' },
        OFFICE,
      );
    const before = (await node.sent(InformationAnsweredV1.type)).length;
    await node.get(AnswerRequest).execute(sent.id, { summary: '无信访件。' }, body);
    expect(await node.sent(InformationAnsweredV1.type)).toHaveLength(before);
    expect(await node.get(ReadAnswer).execute(sent.id, scene.member)).toMatchObject({
      summary: '无信访件。',
      attachments: [],
    });
  });
});
