import {
  generateBoxKeyPair,
  ReferralAcknowledgedV1,
  ReferralDisposedV1,
  ReferralMadeV1,
  seal,
  uuidv7,
} from '@liandong/protocol';
import { RectificationWork } from '../src/rectification/rectification.work';
import { ReferralQueries } from '../src/referrals/referral.queries';
import { AcknowledgeReferral } from '../src/referrals/use-cases/acknowledge-referral.usecase';
import { DisposeReferral } from '../src/referrals/use-cases/dispose-referral.usecase';
import { ReadReferralContent } from '../src/referrals/use-cases/read-referral-content.usecase';
import { CITY, COUNTY, DAY, rectificationNode, SIBLING } from './rectification.fixture';
import { bodyKey, rows, trail } from './probes';

/** 移交 the county receives: recorded only along the tree, opened only by its body, answered. */
describe('referrals the county receives', () => {
  const node = rectificationNode();
  beforeAll(() => node.start());
  afterAll(() => node.stop());

  const body = node.person('jiwei', 'receiving_body');
  const CLUE = '某镇党委书记李某涉嫌违规（县管干部）。';

  /** A clue the city refers down to the county's discipline body, sealed to `publicKey`. */
  const clue = (publicKey = bodyKey(node, COUNTY, 'discipline').publicKey, to = COUNTY) => {
    const payload: ReferralMadeV1 = {
      referralId: uuidv7(),
      kind: 'clue',
      body: 'discipline',
      sealed: seal(CLUE, { nodeId: to, body: 'discipline', publicKey }),
      recommendation: null,
      cadreTier: 'county',
      inspectionId: uuidv7(),
      findingId: uuidv7(),
      organizationName: '井陉县某镇党委',
      acknowledgeBy: new Date(node.clock.now().getTime() + 15 * DAY).toISOString(),
    };
    return payload;
  };

  it('records a clue from the city, opens it for its discipline body only with its key, audited', async () => {
    const made = clue();
    expect(await node.deliver(CITY, ReferralMadeV1.type, made)).toMatchObject({
      outcome: 'applied',
    });
    const received = (await node.get(ReferralQueries).list()).received.find(
      (r) => r.id === made.referralId,
    );
    expect(received).toMatchObject({ fromNode: CITY, kind: 'clue', state: 'open', sealed: true });
    expect(JSON.stringify(await rows(node, 'referral', 'id', made.referralId))).not.toContain(
      '李某',
    );
    const todo = await node.get(RectificationWork).items(['receiving_body']);
    expect(todo).toContainEqual(
      expect.objectContaining({ kind: 'referral.acknowledge', subjectId: made.referralId }),
    );
    expect(await node.get(ReadReferralContent).execute(made.referralId, body)).toEqual({
      body: 'discipline',
      bodyLabel: expect.any(String),
      text: CLUE,
    });
    expect(await trail(node, made.referralId)).toEqual([
      `node:${CITY} referral.received`,
      'user:jiwei referral.content_read',
    ]);
  });

  it('does not open a box sealed to a key its body does not hold', async () => {
    const made = clue(generateBoxKeyPair().publicKey);
    await node.deliver(CITY, ReferralMadeV1.type, made);
    await expect(
      node.get(ReadReferralContent).execute(made.referralId, body),
    ).rejects.toMatchObject({
      code: 'NO_BODY_KEY',
      status: 409,
    });
    expect(await trail(node, made.referralId)).toEqual([`node:${CITY} referral.received`]);
  });

  it('refuses a referral from a node off its line, and content sealed to another node', async () => {
    const offLine = clue();
    expect(await node.deliver(SIBLING, ReferralMadeV1.type, offLine)).toMatchObject({
      outcome: 'dead_lettered',
      reasonCode: 'NOT_AUTHORIZED',
    });
    const elsewhere = clue(bodyKey(node, SIBLING, 'discipline').publicKey, SIBLING);
    expect(await node.deliver(CITY, ReferralMadeV1.type, elsewhere)).toMatchObject({
      outcome: 'dead_lettered',
      reasonCode: 'NOT_AUTHORIZED',
    });
    for (const id of [offLine.referralId, elsewhere.referralId])
      expect(await rows(node, 'referral', 'id', id)).toEqual([]);
  });

  it('is acknowledged, then disposed once, each told to the city', async () => {
    const made = clue();
    await node.deliver(CITY, ReferralMadeV1.type, made);
    const id = made.referralId;
    const dispose = (disposition: string) =>
      node.get(DisposeReferral).execute(id, { disposition }, body);
    await expect(dispose('已立案审查。')).rejects.toMatchObject({ code: 'NOT_ACKNOWLEDGED' });
    expect(await rows(node, 'referral', 'id', id)).toEqual([
      expect.objectContaining({ acknowledged_at: null, disposed_at: null }),
    ]);

    const acknowledged = await node.get(AcknowledgeReferral).execute(id, body);
    expect(acknowledged).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'jiwei' });
    // Acknowledging twice changes nothing and tells nobody again.
    await node.get(AcknowledgeReferral).execute(id, node.person('other', 'receiving_body'));
    const acks = (await node.sent<ReferralAcknowledgedV1>(ReferralAcknowledgedV1.type)).filter(
      (e) => e.payload.referralId === id,
    );
    expect(acks).toEqual([
      { audience: `node:${CITY}`, payload: expect.objectContaining({ acknowledgedBy: 'jiwei' }) },
    ]);

    expect(await dispose('已立案审查。')).toMatchObject({
      state: 'disposed',
      disposition: '已立案审查。',
    });
    await expect(dispose('再次处置')).rejects.toMatchObject({ code: 'ALREADY_DISPOSED' });
    const disposals = (await node.sent<ReferralDisposedV1>(ReferralDisposedV1.type)).filter(
      (e) => e.payload.referralId === id,
    );
    expect(disposals).toEqual([
      {
        audience: `node:${CITY}`,
        payload: expect.objectContaining({ disposition: '已立案审查。' }),
      },
    ]);
    expect(await trail(node, id)).toEqual([
      `node:${CITY} referral.received`,
      'user:jiwei referral.acknowledged',
      'user:jiwei referral.disposed',
    ]);
  });

  it('refuses a referral it was not sent', async () => {
    await expect(node.get(AcknowledgeReferral).execute(uuidv7(), body)).rejects.toMatchObject({
      code: 'REFERRAL_NOT_FOUND',
      status: 404,
    });
  });
});
