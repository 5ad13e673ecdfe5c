import { RoundLinkAcknowledgedV1, RoundLinkedV1, uuidv7 } from '@liandong/protocol';
import { RoundQueries } from '../src/rounds/round.queries';
import {
  CENTRAL,
  CITY,
  JINGXING,
  PlanningFixture,
  PROVINCE,
  XINGTANG,
  ZHENGDING,
} from './planning.fixture';
import { feedbackFrom, registerSubtree, roundShape } from './tree-events';

const COUNTIES = [JINGXING, ZHENGDING, XINGTANG];

/**
 * 巡视带巡察 on the city, which is both a parent (asking its counties for linked rounds,
 * hearing their answers and results) and a child (opening a round for the province's).
 */
describe('linked rounds (巡视带巡察)', () => {
  const node = new PlanningFixture(CITY);
  beforeAll(() => node.start());
  afterAll(() => node.stop());
  beforeEach(() => registerSubtree(node));

  const detail = (id: string) => node.get(RoundQueries).detail(id);
  const acknowledge = (child: string, parentRoundId: string, roundId = uuidv7()) => {
    const payload: RoundLinkAcknowledgedV1 = {
      parentRoundId,
      roundId,
      acknowledgedAt: node.clock.now().toISOString(),
    };
    return node.deliver(child, RoundLinkAcknowledgedV1.type, payload);
  };

  it('asks every registered child for a linked round on its theme and window', async () => {
    const round = await node.round({
      type: 'thematic',
      theme: '乡村振兴专项巡察',
      linkChildren: true,
    });
    const sent = (await node.sent<RoundLinkedV1>(RoundLinkedV1.type)).filter(
      (e) => e.payload.roundId === round.id,
    );
    expect(sent.map((e) => e.audience).sort()).toEqual(COUNTIES.map((c) => `node:${c}`));
    expect(sent[0].payload).toEqual({
      roundId: round.id,
      type: 'thematic',
      theme: '乡村振兴专项巡察',
      windowStart: round.windowStart,
      windowEnd: round.windowEnd,
    });
    const { links } = await detail(round.id);
    expect(links.map((l) => [l.childNode, l.acknowledgedAt])).toEqual(
      COUNTIES.map((c) => [c, null]),
    );
  });

  it('records the acknowledgement of a child it asked, and refuses one it did not ask', async () => {
    const linked = await node.round({ linkChildren: true });
    const childRound = uuidv7();
    expect(await acknowledge(JINGXING, linked.id, childRound)).toMatchObject({
      outcome: 'applied',
    });
    const link = (await detail(linked.id)).links.find((l) => l.childNode === JINGXING);
    expect(link).toMatchObject({
      childRoundId: childRound,
      acknowledgedAt: node.clock.now().toISOString(),
    });

    const unlinked = await node.round();
    const notAsked = await acknowledge(ZHENGDING, unlinked.id);
    expect(notAsked).toMatchObject({ reasonCode: 'NOT_AUTHORIZED' });
    expect(notAsked.reason).toContain(`${ZHENGDING} was not asked`);
    const fromAbove = await acknowledge(PROVINCE, linked.id);
    expect(fromAbove).toMatchObject({ outcome: 'rejected', reasonCode: 'NOT_AUTHORIZED' });
    expect((await detail(unlinked.id)).links).toEqual([]);
  });

  it('opens one round of its own for its parent’s linked round, and acknowledges it each time it is asked', async () => {
    const parentRound = roundShape(node, { type: 'mobile', theme: '省委巡视带市级巡察' });
    for (let asked = 1; asked <= 2; asked += 1) {
      expect(await node.deliver(PROVINCE, RoundLinkedV1.type, parentRound)).toMatchObject({
        outcome: 'applied',
      });
      const opened = (await node.get(RoundQueries).list()).filter(
        (r) => r.parentRoundId === parentRound.roundId,
      );
      expect(opened).toEqual([
        expect.objectContaining({
          parentNode: PROVINCE,
          type: 'mobile',
          theme: '省委巡视带市级巡察',
          typeLabel: '机动巡察',
        }),
      ]);
      const acks = (await node.sent<RoundLinkAcknowledgedV1>(RoundLinkAcknowledgedV1.type)).filter(
        (e) => e.payload.parentRoundId === parentRound.roundId,
      );
      expect(acks).toHaveLength(asked);
      expect(acks[0]).toMatchObject({
        audience: `node:${PROVINCE}`,
        payload: { roundId: opened[0].id },
      });
    }
  });

  it('opens a linked round only when its parent asks, not another ancestor', async () => {
    const parentRound = roundShape(node);
    const fromCentral = await node.deliver(CENTRAL, RoundLinkedV1.type, parentRound);
    expect(fromCentral).toMatchObject({ reasonCode: 'NOT_AUTHORIZED' });
    expect(fromCentral.reason).toContain('asked for by the parent');
    expect(
      (await node.get(RoundQueries).list()).some((r) => r.parentRoundId === parentRound.roundId),
    ).toBe(false);
  });

  it('records a child’s result under the round it is linked to, and refuses one linked to no round here', async () => {
    const linked = await node.round({ linkChildren: true });
    const result = {
      id: uuidv7(),
      mode: 'own' as const,
      ownerNode: XINGTANG,
      organizationCode: 'x-1',
      organizationName: '行唐县某村党支部',
    };
    const given = await feedbackFrom(node, XINGTANG, { ...result, parentRoundId: linked.id });
    expect(given).toMatchObject({ outcome: 'applied' });
    expect((await detail(linked.id)).reported).toEqual([
      expect.objectContaining({
        id: result.id,
        role: 'reported',
        conductingNode: XINGTANG,
        organizationName: '行唐县某村党支部',
        status: 'feedback_given',
        windowStart: linked.windowStart,
        windowEnd: linked.windowEnd,
      }),
    ]);
    const stray = await feedbackFrom(node, XINGTANG, {
      ...result,
      id: uuidv7(),
      parentRoundId: uuidv7(),
    });
    expect(stray).toMatchObject({ reasonCode: 'NOT_AUTHORIZED' });
  });
});
