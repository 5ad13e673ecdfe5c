import { InspectionQueries } from '../src/inspections/inspection.queries';
import { ScheduleInspection } from '../src/inspections/use-cases/schedule-inspection.usecase';
import {
  CITY,
  JINGXING,
  OFFICE,
  PROVINCE,
  PlanningFixture,
  refusal,
  WINDOW,
  ZHENGDING,
} from './planning.fixture';
import { crossOrder, escalate, roundShape } from './tree-events';

/**
 * Scheduling on a county (ScheduleInspection, CreateRound): rounds with their dates in order,
 * organizations of its own registry, once per round, not while an ancestor (提级) or a peer
 * (交叉) inspects the organization in an overlapping window — and the county, as owner,
 * refusing an ancestor's escalation that duplicates its own inspection (AcceptEscalation).
 */
describe('scheduling inspections (ScheduleInspection, AcceptEscalation)', () => {
  const node = new PlanningFixture(ZHENGDING);
  beforeAll(() => node.start());
  afterAll(() => node.stop());

  const schedule = (roundId: string, organizationCode: string, ownerNode?: string) =>
    node.get(ScheduleInspection).execute(roundId, { organizationCode, ownerNode }, OFFICE);

  it('refuses an organization its registry does not have, and a round it does not have, storing nothing', async () => {
    const round = await node.round();
    const { code } = await node.organization();
    const before = await node.stored();
    const unknown = await refusal(schedule(round.id, 'no-such-code'));
    expect(unknown).toMatchObject({ code: 'ORGANIZATION_NOT_FOUND', status: 404 });
    expect(unknown.text.zh).toContain(`正定县（${ZHENGDING}）的对象库中没有代码为 no-such-code`);
    const noRound = await refusal(schedule('01890000-0000-7000-8000-000000000000', code));
    expect(noRound).toMatchObject({ code: 'ROUND_NOT_FOUND', status: 404 });
    expect(noRound.text.zh).toMatch(/^本节点没有编号为 /);
    expect(await node.stored()).toEqual(before);
  });

  it('refuses a round whose window ends before it starts, naming the field, and stores nothing', async () => {
    const before = await node.stored();
    const refused = await refusal(
      node.round({ windowStart: '2027-03-01', windowEnd: '2027-02-28' }),
    );
    expect(refused).toMatchObject({ code: 'BAD_WINDOW', status: 400 });
    expect(refused.text.zh).toContain('windowEnd');
    expect(await node.stored()).toEqual(before);
    // One day is a window.
    await expect(
      node.round({ windowStart: '2027-03-01', windowEnd: '2027-03-01' }),
    ).resolves.toBeDefined();
  });

  it('refuses a linked round when no child has registered', async () => {
    const refused = await refusal(node.round({ linkChildren: true }));
    expect(refused).toMatchObject({ code: 'NO_CHILDREN' });
  });

  it('schedules an own organization once per round', async () => {
    const round = await node.round();
    const { code, name } = await node.organization();
    const scheduled = await schedule(round.id, code);
    expect(scheduled).toMatchObject({
      mode: 'own',
      modeLabel: '本级巡察',
      status: 'planned',
      organizationName: name,
      ...WINDOW,
    });
    const before = await node.stored();
    const again = await refusal(schedule(round.id, code));
    expect(again).toMatchObject({ code: 'ALREADY_SCHEDULED' });
    expect(again.text.zh).toContain(scheduled.id);
    expect(await node.stored()).toEqual(before);
  });

  it('refuses its own inspection while an ancestor inspects the organization in an overlapping window, not after', async () => {
    const { code } = await node.organization();
    const { settled } = await escalate(node, CITY, code);
    expect(settled).toMatchObject({ outcome: 'applied' });
    // Sharing one day (the escalation's last) is overlapping.
    const overlapping = await node.round({
      windowStart: WINDOW.windowEnd,
      windowEnd: '2027-04-30',
    });
    const before = await node.stored();
    const refused = await refusal(schedule(overlapping.id, code));
    expect(refused).toMatchObject({ code: 'ESCALATED_BY_ANCESTOR' });
    expect(refused.text.zh).toContain(`已由石家庄市（${CITY}）提级巡察`);
    expect(refused.text.en).toContain(`node ${CITY}`);
    expect(await node.stored()).toEqual(before);
    const after = await node.round({ windowStart: '2027-04-01', windowEnd: '2027-04-30' });
    await expect(schedule(after.id, code)).resolves.toMatchObject({ status: 'planned' });
  });

  it('refuses its own inspection of an organization a peer cross-inspects in the window', async () => {
    const { code } = await node.organization();
    const { settled } = await crossOrder(node, {
      visitingNode: JINGXING,
      inspectedNode: ZHENGDING,
      organizationCodes: [code],
    });
    expect(settled).toMatchObject({ outcome: 'applied' });
    const refused = await refusal(schedule((await node.round()).id, code));
    expect(refused).toMatchObject({ code: 'UNDER_CROSS_INSPECTION' });
    expect(refused.text.zh).toContain('交叉巡察');
  });

  it('hosts an escalation from any ancestor, with the organization as its own registry names it', async () => {
    const { code, name } = await node.organization('village');
    for (const ancestor of [CITY, PROVINCE]) {
      const round = roundShape(node, {
        windowStart: ancestor === CITY ? '2027-05-01' : '2027-07-01',
        windowEnd: ancestor === CITY ? '2027-05-31' : '2027-07-31',
      });
      const { payload, settled } = await escalate(node, ancestor, code, round);
      expect(settled).toMatchObject({ outcome: 'applied' });
      expect(await node.get(InspectionQueries).detail(payload.inspectionId)).toMatchObject({
        role: 'hosted',
        mode: 'escalated',
        ownerNode: ZHENGDING,
        conductingNode: ancestor,
        organizationName: name,
        organizationCategory: 'village',
        status: 'planned',
        windowStart: round.windowStart,
        windowEnd: round.windowEnd,
      });
    }
  });

  it('as owner, refuses an escalation that duplicates its own inspection in the window, one of an organization it lacks, and one from a peer', async () => {
    const own = await node.ownInspection();
    const other = await node.organization();
    const before = await node.stored();
    const duplicate = await escalate(node, CITY, own.organizationCode);
    expect(duplicate.settled).toMatchObject({
      outcome: 'dead_lettered',
      reasonCode: 'CONFLICT',
    });
    expect(duplicate.settled.reason).toContain(`inspection ${own.id}`);
    const missing = await escalate(node, CITY, 'no-such-code');
    expect(missing.settled).toMatchObject({ outcome: 'dead_lettered', reasonCode: 'NOT_FOUND' });
    const peer = await escalate(node, JINGXING, other.code);
    expect(peer.settled).toMatchObject({ outcome: 'rejected', reasonCode: 'NOT_AUTHORIZED' });
    expect(peer.settled.reason).toContain('only from an ancestor');
    expect(await node.stored()).toEqual(before);
    // The same organization escalated for a window after its own inspection is taken.
    const later = roundShape(node, { windowStart: '2027-04-01', windowEnd: '2027-04-30' });
    expect((await escalate(node, CITY, own.organizationCode, later)).settled).toMatchObject({
      outcome: 'applied',
    });
  });

  it('escalates only into the registry of a registered descendant', async () => {
    const round = await node.round();
    const before = await node.stored();
    const refused = await refusal(schedule(round.id, `${JINGXING}-001`, JINGXING));
    expect(refused).toMatchObject({ code: 'NOT_A_DESCENDANT', status: 409 });
    expect(refused.text.zh).toContain(`${JINGXING}不是本节点正定县（${ZHENGDING}）的下级`);
    expect(await node.stored()).toEqual(before);
  });
});
