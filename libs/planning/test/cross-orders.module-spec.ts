import { CrossOrderedV1 } from '@liandong/protocol';
import { CrossAssignmentDto } from '../src/cross/cross.dto';
import { OrderCrossInspection } from '../src/cross/use-cases/order-cross-inspection.usecase';
import { PlanRotation } from '../src/cross/use-cases/plan-rotation.usecase';
import {
  CITY,
  JINGXING,
  OFFICE,
  PlanningFixture,
  PROVINCE,
  refusal,
  XINGTANG,
  ZHENGDING,
} from './planning.fixture';
import { registerSubtree } from './tree-events';

const pair = (visitingNode: string, inspectedNode: string, codes = [`${inspectedNode}-001`]) => ({
  visitingNode,
  inspectedNode,
  organizationCodes: codes,
});

/**
 * 交叉巡察 ordered by the common ancestor (OrderCrossInspection): peers below it, not itself,
 * no reciprocal pair in a round; and a rotation that repeats no pair of the previous round
 * (PlanRotation). The peers' side is cross-peers.module-spec.ts.
 */
describe('ordering cross inspections on the city', () => {
  const node = new PlanningFixture(CITY);
  beforeAll(async () => {
    await node.start();
  });
  afterAll(() => node.stop());
  beforeEach(() => registerSubtree(node));

  const order = async (assignments: CrossAssignmentDto[], roundId?: string) =>
    node
      .get(OrderCrossInspection)
      .execute({ roundId: roundId ?? (await node.round()).id, assignments }, OFFICE);

  it('orders one peer’s team to another peer’s organizations, telling both', async () => {
    const round = await node.round();
    const [ordered] = await order([pair(JINGXING, ZHENGDING, ['a-1', 'a-1', 'a-2'])], round.id);
    expect(ordered).toMatchObject({
      role: 'ordering',
      roundId: round.id,
      orderingNode: CITY,
      orderingNodeLabel: `石家庄市（${CITY}）`,
      visitingNode: JINGXING,
      visitingNodeLabel: `井陉县（${JINGXING}）`,
      inspectedNode: ZHENGDING,
      inspectedNodeLabel: `正定县（${ZHENGDING}）`,
      organizationCodes: ['a-1', 'a-2'],
      status: 'ordered',
      statusLabel: '已下达',
    });
    expect(ordered.eventIds).toHaveLength(2);
    const sent = (await node.sent<CrossOrderedV1>(CrossOrderedV1.type)).filter(
      (e) => e.payload.orderId === ordered.id,
    );
    expect(sent.map((e) => e.audience).sort()).toEqual([`node:${JINGXING}`, `node:${ZHENGDING}`]);
    expect(sent[0].payload).toMatchObject({
      visitingNode: JINGXING,
      inspectedNode: ZHENGDING,
      organizationCodes: ['a-1', 'a-2'],
      round: { roundId: round.id, windowStart: round.windowStart, windowEnd: round.windowEnd },
    });
  });

  it('refuses a reciprocal pair in a round, also within one request, storing nothing', async () => {
    const round = await node.round();
    await order([pair(JINGXING, ZHENGDING)], round.id);
    const before = await node.stored();
    const reverse = await refusal(order([pair(ZHENGDING, JINGXING)], round.id));
    expect(reverse).toMatchObject({ code: 'RECIPROCAL_PAIR' });
    expect(reverse.text.zh).toContain(
      `本轮次已安排井陉县（${JINGXING}）巡察正定县（${ZHENGDING}）`,
    );
    expect(reverse.text.en).toContain('reciprocal pair');
    // Nothing half-way: the first, acceptable assignment of a refused request is not kept.
    const both = await refusal(
      order([pair(JINGXING, XINGTANG), pair(XINGTANG, JINGXING)], round.id),
    );
    expect(both).toMatchObject({ code: 'RECIPROCAL_PAIR' });
    expect(await node.stored()).toEqual(before);
    // In another round the reverse pair is fine.
    await expect(order([pair(ZHENGDING, JINGXING)])).resolves.toHaveLength(1);
  });

  it('orders only nodes below it, naming them in Chinese with the English beside', async () => {
    const round = await node.round();
    const before = await node.stored();
    const above = await refusal(order([pair(JINGXING, PROVINCE)], round.id));
    expect(above).toMatchObject({ code: 'NOT_COMMON_ANCESTOR', status: 409 });
    expect(above.text.zh).toContain(`河北省（${PROVINCE}）不是本节点石家庄市（${CITY}）的下级`);
    expect(above.text.en).toContain(`${PROVINCE} is not below ${CITY}`);
    const itself = await refusal(order([pair(CITY, JINGXING)], round.id));
    expect(itself).toMatchObject({ code: 'NOT_COMMON_ANCESTOR' });
    const self = await refusal(order([pair(JINGXING, JINGXING)], round.id));
    expect(self).toMatchObject({ code: 'SELF_INSPECTION' });
    expect(self.text.zh).toContain(`井陉县（${JINGXING}）不能交叉巡察自己`);
    const noRound = await refusal(
      order([pair(JINGXING, ZHENGDING)], '01890000-0000-7000-8000-000000000000'),
    );
    expect(noRound).toMatchObject({ code: 'ROUND_NOT_FOUND', status: 404 });
    expect(await node.stored()).toEqual(before);
  });

  it('plans a rotation among the counties that repeats none of the previous round’s pairs', async () => {
    const previous = await node.round();
    await order([pair(JINGXING, ZHENGDING), pair(ZHENGDING, XINGTANG)], previous.id);
    const before = await node.stored();
    const plan = await node
      .get(PlanRotation)
      .execute({ peers: [JINGXING, ZHENGDING, XINGTANG], previousRoundId: previous.id });
    expect(plan.feasible).toBe(true);
    const pairs = (plan.assignments ?? []).map((a) => `${a.visitingNode}>${a.inspectedNode}`);
    expect(pairs).toHaveLength(3);
    expect(pairs).not.toContain(`${JINGXING}>${ZHENGDING}`);
    expect(pairs).not.toContain(`${ZHENGDING}>${XINGTANG}`);
    expect(plan.previousPairs).toEqual([
      { visitingNode: JINGXING, inspectedNode: ZHENGDING },
      { visitingNode: ZHENGDING, inspectedNode: XINGTANG },
    ]);
    // A plan changes nothing.
    expect(await node.stored()).toEqual(before);
  });

  it('says why two peers have no rotation, and refuses a peer listed twice', async () => {
    const two = await node.get(PlanRotation).execute({ peers: [JINGXING, ZHENGDING] });
    expect(two.feasible).toBe(false);
    expect(two.reasons?.[0]).toContain(`只能互查（井陉县（${JINGXING}）查正定县（${ZHENGDING}）`);
    expect(two.reasonsEn?.join(' ')).toContain('reciprocal');
    const twice = await refusal(
      node.get(PlanRotation).execute({ peers: [JINGXING, ZHENGDING, JINGXING] }),
    );
    expect(twice).toMatchObject({ code: 'BAD_PLAN_REQUEST', status: 400 });
    expect(twice.text.zh).toContain(`井陉县（${JINGXING}）重复出现`);
  });
});

describe('ordering cross inspections on the province', () => {
  const node = new PlanningFixture(PROVINCE);
  beforeAll(() => node.start());
  afterAll(() => node.stop());

  it('orders only peers: a city and a county are not', async () => {
    await registerSubtree(node);
    const round = await node.round();
    const execute = (assignments: CrossAssignmentDto[]) =>
      node.get(OrderCrossInspection).execute({ roundId: round.id, assignments }, OFFICE);
    const refused = await refusal(execute([pair(CITY, ZHENGDING)]));
    expect(refused).toMatchObject({ code: 'NOT_PEERS' });
    expect(refused.text.zh).toContain(
      `石家庄市（${CITY}）（市级）与正定县（${ZHENGDING}）（县级）不是同级`,
    );
    // Counties of one city are peers below the province too.
    await expect(execute([pair(JINGXING, ZHENGDING)])).resolves.toHaveLength(1);
  });
});
