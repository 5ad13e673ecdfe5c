import { CrossAccessGrantedV1, uuidv7 } from '@liandong/protocol';
import { CrossOrderQueries } from '../src/cross/cross-order.queries';
import { InspectionQueries } from '../src/inspections/inspection.queries';
import { RoundQueries } from '../src/rounds/round.queries';
import { CITY, JINGXING, PlanningFixture, PROVINCE, XINGTANG, ZHENGDING } from './planning.fixture';
import { crossOrder, roundShape } from './tree-events';

/**
 * A cross order (交叉巡察) reaching a county (ReceiveCrossOrder, ReceiveCrossAccess): as the
 * visiting peer it opens a round and conducts what it is granted; as the inspected peer it
 * grants access to the ordered organizations it has — and it refuses an order that makes a
 * reciprocal pair, names an organization it lacks, or comes from a node that is not its ancestor.
 */
describe('a cross order on a peer', () => {
  const node = new PlanningFixture(JINGXING);
  beforeAll(() => node.start());
  afterAll(() => node.stop());

  const ordersOf = async (orderId: string) =>
    (await node.get(CrossOrderQueries).list({})).filter((o) => o.id === orderId);
  const inspectionsOf = async (orderId: string) =>
    (await node.get(InspectionQueries).list({})).filter((i) => i.crossOrderId === orderId);

  it('as the visiting peer, opens a round for the order and conducts the organizations it is granted', async () => {
    const { payload, settled } = await crossOrder(node, {
      visitingNode: JINGXING,
      inspectedNode: ZHENGDING,
      organizationCodes: ['z-1'],
    });
    expect(settled).toMatchObject({ outcome: 'applied' });
    const [visiting] = await ordersOf(payload.orderId);
    expect(visiting).toMatchObject({ role: 'visiting', orderingNode: CITY, status: 'ordered' });
    const local = await node.get(RoundQueries).detail(visiting.localRoundId as string);
    expect(local).toMatchObject({
      parentRoundId: payload.round.roundId,
      parentNode: CITY,
      theme: payload.round.theme,
    });

    const grant: CrossAccessGrantedV1 = {
      orderId: payload.orderId,
      organizations: [
        { inspectionId: uuidv7(), code: 'z-1', name: '正定县某局党组', category: 'department' },
      ],
    };
    expect(await node.deliver(ZHENGDING, CrossAccessGrantedV1.type, grant)).toMatchObject({
      outcome: 'applied',
    });
    expect(await inspectionsOf(payload.orderId)).toEqual([
      expect.objectContaining({
        id: grant.organizations[0].inspectionId,
        role: 'conducting',
        mode: 'cross',
        ownerNode: ZHENGDING,
        conductingNode: JINGXING,
        organizationName: '正定县某局党组',
        roundId: local.id,
        status: 'planned',
      }),
    ]);
    expect((await ordersOf(payload.orderId))[0].status).toBe('granted');
  });

  it('as the visiting peer, takes a grant only from the inspected peer and only for the ordered organizations', async () => {
    const { payload } = await crossOrder(node, {
      visitingNode: JINGXING,
      inspectedNode: ZHENGDING,
      organizationCodes: ['z-1'],
    });
    const organization = (code: string) => ({
      inspectionId: uuidv7(),
      code,
      name: code,
      category: 'department',
    });
    const before = await node.stored();
    const stranger = await node.deliver(XINGTANG, CrossAccessGrantedV1.type, {
      orderId: payload.orderId,
      organizations: [organization('z-1')],
    });
    expect(stranger).toMatchObject({ reasonCode: 'NOT_AUTHORIZED' });
    const beyond = await node.deliver(ZHENGDING, CrossAccessGrantedV1.type, {
      orderId: payload.orderId,
      organizations: [organization('z-1'), organization('z-2')],
    });
    expect(beyond).toMatchObject({ reasonCode: 'NOT_AUTHORIZED' });
    expect(beyond.reason).toContain('outside the order: z-2');
    expect(await node.stored()).toEqual(before);
  });

  it('as the inspected peer, grants the visiting peer access to the ordered organizations and hosts each inspection', async () => {
    const [a, b] = await node.organizations(2);
    const { payload, settled } = await crossOrder(node, {
      visitingNode: XINGTANG,
      inspectedNode: JINGXING,
      organizationCodes: [a.code],
    });
    expect(settled).toMatchObject({ outcome: 'applied' });
    const [grant] = (await node.sent<CrossAccessGrantedV1>(CrossAccessGrantedV1.type)).filter(
      (e) => e.payload.orderId === payload.orderId,
    );
    expect(grant.audience).toBe(`node:${XINGTANG}`);
    expect(grant.payload.organizations).toEqual([
      expect.objectContaining({ code: a.code, name: a.name }),
    ]);
    const hosted = await inspectionsOf(payload.orderId);
    expect(hosted).toEqual([
      expect.objectContaining({
        id: grant.payload.organizations[0].inspectionId,
        role: 'hosted',
        mode: 'cross',
        conductingNode: XINGTANG,
        // The visitor is off this node's line: named from its verified certificate.
        conductingNodeName: '行唐县',
        organizationCode: a.code,
      }),
    ]);
    expect(hosted.some((i) => i.organizationCode === b.code)).toBe(false);
    // The visiting peer is off this node's line: named from its certificate, verified.
    expect((await ordersOf(payload.orderId))[0]).toMatchObject({
      role: 'inspected',
      status: 'granted',
      visitingNodeLabel: `行唐县（${XINGTANG}）`,
      orderingNodeLabel: `石家庄市（${CITY}）`,
    });
  });

  it('as the inspected peer, refuses an order for an organization it does not have, granting nothing', async () => {
    const { code } = await node.organization();
    const before = await node.stored();
    const { payload, settled } = await crossOrder(node, {
      visitingNode: XINGTANG,
      inspectedNode: JINGXING,
      organizationCodes: [code, 'no-such-code'],
    });
    expect(settled).toMatchObject({ outcome: 'dead_lettered', reasonCode: 'NOT_FOUND' });
    expect(settled.reason).toContain(`not in the registry of ${JINGXING}: no-such-code`);
    expect(await ordersOf(payload.orderId)).toEqual([]);
    expect(await node.stored()).toEqual(before);
  });

  it('as the inspected peer, refuses an order for an organization already inspected in the window', async () => {
    const own = await node.ownInspection();
    const { settled } = await crossOrder(node, {
      visitingNode: ZHENGDING,
      inspectedNode: JINGXING,
      organizationCodes: [own.organizationCode],
    });
    expect(settled).toMatchObject({ reasonCode: 'CONFLICT' });
    expect(settled.reason).toContain(`already being inspected by ${JINGXING}`);
  });

  it('refuses a reciprocal pair even when an ancestor orders it, as the visiting peer', async () => {
    const { code } = await node.organization();
    const round = roundShape(node);
    const first = await crossOrder(node, {
      round,
      visitingNode: ZHENGDING,
      inspectedNode: JINGXING,
      organizationCodes: [code],
    });
    expect(first.settled).toMatchObject({ outcome: 'applied' });
    const before = await node.stored();
    for (const ancestor of [CITY, PROVINCE]) {
      const { payload, settled } = await crossOrder(
        node,
        { round, visitingNode: JINGXING, inspectedNode: ZHENGDING, organizationCodes: ['z-1'] },
        ancestor,
      );
      expect(settled).toMatchObject({ reasonCode: 'CONFLICT' });
      expect(settled.reason).toContain('reciprocal pair');
      expect(await ordersOf(payload.orderId)).toEqual([]);
    }
    expect(await node.stored()).toEqual(before);
  });

  it('refuses the reverse of a pair it is visiting, as the inspected peer', async () => {
    const { code } = await node.organization();
    const round = roundShape(node);
    const visiting = await crossOrder(node, {
      round,
      visitingNode: JINGXING,
      inspectedNode: XINGTANG,
    });
    expect(visiting.settled).toMatchObject({ outcome: 'applied' });
    const before = await node.stored();
    const { settled } = await crossOrder(node, {
      round,
      visitingNode: XINGTANG,
      inspectedNode: JINGXING,
      organizationCodes: [code],
    });
    expect(settled).toMatchObject({ reasonCode: 'CONFLICT' });
    expect(settled.reason).toContain(`${JINGXING} already inspects ${XINGTANG}`);
    expect(await node.stored()).toEqual(before);
  });

  it('refuses an order from a node that is not a common ancestor, or that names neither it nor two peers', async () => {
    const { code } = await node.organization();
    const before = await node.stored();
    const fromPeer = await crossOrder(
      node,
      { visitingNode: ZHENGDING, inspectedNode: JINGXING, organizationCodes: [code] },
      ZHENGDING,
    );
    expect(fromPeer.settled).toMatchObject({ outcome: 'rejected', reasonCode: 'NOT_AUTHORIZED' });
    expect(fromPeer.settled.reason).toContain(`${ZHENGDING} is not an ancestor of ${JINGXING}`);
    const notMine = await crossOrder(node, { visitingNode: ZHENGDING, inspectedNode: XINGTANG });
    expect(notMine.settled).toMatchObject({ reasonCode: 'NOT_AUTHORIZED' });
    expect(notMine.settled.reason).toContain('neither the visiting nor the inspected node');
    const itself = await crossOrder(node, { visitingNode: JINGXING, inspectedNode: JINGXING });
    expect(itself.settled).toMatchObject({ reasonCode: 'CONFLICT' });
    expect(await node.stored()).toEqual(before);
  });
});
