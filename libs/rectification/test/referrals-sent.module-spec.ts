import {
  open,
  ReferralAcknowledgedV1,
  ReferralDisposedV1,
  ReferralMadeV1,
  uuidv7,
} from '@liandong/protocol';
import { ReferralDto } from '../src/dto/referral.dto';
import { DraftFinding } from '../src/findings/use-cases/draft-finding.usecase';
import { ReferralQueries } from '../src/referrals/referral.queries';
import { AcknowledgeReferral } from '../src/referrals/use-cases/acknowledge-referral.usecase';
import { MakeReferral } from '../src/referrals/use-cases/make-referral.usecase';
import {
  CITY,
  COUNTY,
  DAY,
  inspection,
  OFFICE,
  rectificationNode,
  signedFinding,
  SIBLING,
} from './rectification.fixture';
import { bodyKey, publishBodyKeys, rows, trail } from './probes';

/** 移交 from the county: routed by cadre jurisdiction, sealed to the receiving body, followed up. */
describe('referrals the county makes', () => {
  const node = rectificationNode();
  beforeAll(async () => {
    await node.start();
    // The city is up: its receiving bodies' keys are in the registry (the province's are not).
    await publishBodyKeys(node, CITY);
  });
  afterAll(() => node.stop());

  const refer = (findingId: string, dto: ReferralDto) =>
    node.get(MakeReferral).execute(findingId, dto, OFFICE);
  const CLUE = '某局局长张某涉嫌违规决定发放补贴（市管干部）。';

  it('routes each kind by cadre jurisdiction to the body that receives it', async () => {
    const findingId = await signedFinding(node, await inspection(node));
    await expect(refer(findingId, { kind: 'clue', content: CLUE })).rejects.toMatchObject({
      code: 'CADRE_TIER_REQUIRED',
      status: 400,
    });
    await expect(
      refer(findingId, { kind: 'recommendation', content: '建议规范津贴补贴发放。' }),
    ).rejects.toMatchObject({ code: 'DEPARTMENT_REQUIRED', status: 400 });
    // The province's discipline body has published no key: nothing can be sealed to it.
    await expect(
      refer(findingId, { kind: 'clue', cadreTier: 'provincial', content: CLUE }),
    ).rejects.toMatchObject({ code: 'NO_BODY_KEY' });
    expect(await rows(node, 'referral', 'finding_id', findingId)).toEqual([]);

    const routed = async (dto: ReferralDto) => {
      const r = await refer(findingId, dto);
      return `${r.kind} ${r.targetNode} ${r.body ?? '-'} ${r.sealed ? 'sealed' : 'clear'}`;
    };
    expect(await routed({ kind: 'clue', cadreTier: 'municipal', content: CLUE })).toBe(
      `clue ${CITY} discipline sealed`,
    );
    expect(await routed({ kind: 'clue', cadreTier: 'county', content: CLUE })).toBe(
      `clue ${COUNTY} discipline sealed`,
    );
    expect(
      await routed({ kind: 'cadre_selection', cadreTier: 'county', content: '程序不规范' }),
    ).toBe(`cadre_selection ${COUNTY} organization sealed`);
    expect(await routed({ kind: 'petition', content: '群众反映的问题。' })).toBe(
      `petition ${COUNTY} petitions sealed`,
    );
    expect(
      await routed({ kind: 'recommendation', department: '县财政局', content: '建议规范发放。' }),
    ).toBe(`recommendation ${COUNTY} - clear`);
    // Only the referral to another node travels.
    const made = await node.sent<ReferralMadeV1>(ReferralMadeV1.type);
    expect(made.filter((m) => m.payload.findingId === findingId).map((m) => m.audience)).toEqual([
      `node:${CITY}`,
    ]);
  });

  it('seals a clue to the city’s discipline body: neither the county’s rows nor its own keys open it', async () => {
    const findingId = await signedFinding(node, await inspection(node));
    const sent = await refer(findingId, { kind: 'clue', cadreTier: 'municipal', content: CLUE });
    expect(sent).toMatchObject({
      targetNode: CITY,
      body: 'discipline',
      state: 'open',
      sealed: true,
    });
    expect(JSON.stringify(await rows(node, 'referral', 'id', sent.id))).not.toContain('张某');
    const [event] = (await node.sent<ReferralMadeV1>(ReferralMadeV1.type)).filter(
      (m) => m.payload.referralId === sent.id,
    );
    expect(JSON.stringify(event)).not.toContain('张某');
    const box = event.payload.sealed;
    if (!box) throw new Error('the clue went unsealed');
    expect(box).toMatchObject({ recipientNode: CITY, body: 'discipline' });
    expect(open(box, bodyKey(node, CITY, 'discipline'))).toBe(CLUE);
    expect(() => open(box, bodyKey(node, COUNTY, 'discipline'))).toThrow();
    expect(await trail(node, sent.id)).toEqual(['user:office referral.made']);
  });

  it('refers only a signed finding', async () => {
    const scene = await inspection(node);
    const draft = await node
      .get(DraftFinding)
      .execute(scene.inspectionId, { title: '未签字', facts: '事实。' }, scene.team.member);
    await expect(refer(draft.id, { kind: 'audit', content: 'x' })).rejects.toMatchObject({
      code: 'FINDING_NOT_SIGNED',
    });
    await expect(refer(uuidv7(), { kind: 'audit', content: 'x' })).rejects.toMatchObject({
      code: 'FINDING_NOT_FOUND',
      status: 404,
    });
    expect(await rows(node, 'referral', 'finding_id', draft.id)).toEqual([]);
  });

  it('sees the city’s referral open, overdue after 15 days, then acknowledged and disposed as the city tells', async () => {
    node.clock.set(new Date('2026-11-20T02:00:00Z'));
    const findingId = await signedFinding(node, await inspection(node));
    const sent = await refer(findingId, { kind: 'clue', cadreTier: 'municipal', content: CLUE });
    expect(sent.acknowledgeBy).toEqual(new Date(node.clock.now().getTime() + 15 * DAY));
    const stateOf = async () =>
      (await node.get(ReferralQueries).list()).sent.find((r) => r.id === sent.id);
    expect((await stateOf())?.state).toBe('open');
    node.clock.advance(16 * DAY);
    expect((await stateOf())?.stateLabel).toBe('逾期未签收');
    const overdue = (await node.get(ReferralQueries).figures(node.dataSource.manager))
      .referralsOverdue as number;

    // Only the node it was sent to answers for it.
    const ack: ReferralAcknowledgedV1 = {
      referralId: sent.id,
      acknowledgedAt: node.clock.now().toISOString(),
      acknowledgedBy: 'jiwei',
    };
    expect(await node.deliver(SIBLING, ReferralAcknowledgedV1.type, ack)).toMatchObject({
      outcome: 'dead_lettered',
      reasonCode: 'NOT_AUTHORIZED',
    });
    expect((await stateOf())?.state).toBe('overdue');
    expect(await node.deliver(CITY, ReferralAcknowledgedV1.type, ack)).toMatchObject({
      outcome: 'applied',
    });
    expect(await stateOf()).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'jiwei' });
    expect(
      (await node.get(ReferralQueries).figures(node.dataSource.manager)).referralsOverdue,
    ).toBe(overdue - 1);
    const disposed: ReferralDisposedV1 = {
      referralId: sent.id,
      disposedAt: node.clock.now().toISOString(),
      disposition: '已立案审查。',
    };
    expect(await node.deliver(CITY, ReferralDisposedV1.type, disposed)).toMatchObject({
      outcome: 'applied',
    });
    expect(await stateOf()).toMatchObject({
      state: 'disposed',
      stateLabel: '已处置',
      disposition: '已立案审查。',
    });
    expect(await trail(node, sent.id)).toEqual([
      'user:office referral.made',
      `node:${CITY} referral.acknowledged`,
      `node:${CITY} referral.disposed`,
    ]);
  });

  it('acknowledges a referral to its own bodies without an event, in its own figures', async () => {
    const findingId = await signedFinding(node, await inspection(node));
    const sent = await refer(findingId, { kind: 'petition', content: '群众反映的问题。' });
    const acknowledged = await node
      .get(AcknowledgeReferral)
      .execute(sent.id, node.person('xinfang', 'receiving_body'));
    expect(acknowledged).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'xinfang' });
    const told = await node.sent<ReferralAcknowledgedV1>(ReferralAcknowledgedV1.type);
    expect(told.filter((t) => t.payload.referralId === sent.id)).toEqual([]);
    const list = await node.get(ReferralQueries).list();
    expect(list.received.find((r) => r.id === sent.id)?.state).toBe('acknowledged');
  });
});
