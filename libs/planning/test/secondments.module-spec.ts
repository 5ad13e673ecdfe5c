import {
  SecondmentDecidedV1,
  SecondmentRequestedV1,
  SecondmentRequestedV2,
  uuidv7,
} from '@liandong/protocol';
import { PersonnelQueries } from '../src/personnel/personnel.queries';
import { ApproveSecondment } from '../src/personnel/use-cases/approve-secondment.usecase';
import { DeclineSecondment } from '../src/personnel/use-cases/decline-secondment.usecase';
import { RequestSecondment } from '../src/personnel/use-cases/request-secondment.usecase';
import {
  CITY,
  JINGXING,
  OFFICE,
  PlanningFixture,
  PROVINCE,
  refusal,
  ZHENGDING,
} from './planning.fixture';
import { borrow } from './tree-events';

const DATES = { startsOn: '2026-12-01', endsOn: '2027-06-30' };
const WANTED = '纪检监察干部 1 名，熟悉财务审计';

/**
 * 上挂下派 on a county, both ways along its line of the tree: borrowing (RequestSecondment,
 * describing whom it wants in secondment.requested.v2, then ReceiveSecondmentDecision) and
 * lending (ReceiveSecondmentRequest of v1, naming the person, or v2, describing them; then
 * ApproveSecondment, nominating the person for a v2 request, or DeclineSecondment).
 */
describe('secondments (上挂下派)', () => {
  const node = new PlanningFixture(JINGXING);
  beforeAll(() => node.start());
  afterAll(() => node.stop());

  const request = (lendingNode: string, dates = DATES) =>
    node
      .get(RequestSecondment)
      .execute({ lendingNode, wanted: WANTED, ...dates, purpose: '跟班学习' }, OFFICE);
  const secondment = async (id: string) =>
    (await node.get(PersonnelQueries).secondments()).find((s) => s.id === id);
  const decision = (secondmentId: string, fields: Partial<SecondmentDecidedV1> = {}) => ({
    secondmentId,
    decision: 'declined' as const,
    reason: '任务繁重',
    person: null,
    ...fields,
  });
  const sentFor = async <P extends { secondmentId: string }>(type: string, id: string) =>
    (await node.sent<P>(type)).filter((e) => e.payload.secondmentId === id);

  it('asks an ancestor to lend a person it describes, telling the lending node in v2 without naming anyone', async () => {
    const requested = await request(CITY);
    expect(requested).toMatchObject({
      role: 'borrowing',
      borrowingNode: JINGXING,
      lendingNode: CITY,
      status: 'requested',
      statusLabel: '待下级确认',
      personId: null,
      personName: null,
      wanted: WANTED,
      ...DATES,
    });
    expect(await sentFor(SecondmentRequestedV2.type, requested.id)).toEqual([
      {
        audience: `node:${CITY}`,
        payload: {
          secondmentId: requested.id,
          wanted: WANTED,
          from: DATES.startsOn,
          to: DATES.endsOn,
          purpose: '跟班学习',
        },
      },
    ]);
    expect(await sentFor(SecondmentRequestedV1.type, requested.id)).toEqual([]);
  });

  it('names both nodes and, where it holds them, the person; offers its line of the tree to borrow from', async () => {
    const requested = await request(CITY);
    expect(requested).toMatchObject({
      borrowingNodeLabel: `井陉县（${JINGXING}）`,
      lendingNodeLabel: `石家庄市（${CITY}）`,
      personName: null,
    });
    const partners = await node.get(PersonnelQueries).partners();
    expect(partners.slice(0, 3)).toEqual([
      { nodeId: CITY, name: '石家庄市', tierLabel: '市级', direction: 'ancestor' },
      { nodeId: PROVINCE, name: '河北省', tierLabel: '省级', direction: 'ancestor' },
      { nodeId: '000000', name: '中央', tierLabel: '中央', direction: 'ancestor' },
    ]);
    expect(partners.map((p) => p.nodeId)).not.toContain(JINGXING);
    expect(partners.map((p) => p.nodeId)).not.toContain(ZHENGDING);
  });

  it('refuses a secondment from a node off its line, and dates in the wrong order, storing nothing', async () => {
    const before = await node.stored();
    const sibling = await refusal(request(ZHENGDING));
    expect(sibling).toMatchObject({ code: 'NOT_ALONG_THE_TREE' });
    expect(sibling.text.zh).toContain(`${ZHENGDING}既不是本节点井陉县（${JINGXING}）的上级`);
    const backwards = await refusal(
      request(CITY, { startsOn: '2027-03-01', endsOn: '2027-01-01' }),
    );
    expect(backwards).toMatchObject({ code: 'BAD_DATES', status: 400 });
    expect(backwards.text.zh).toContain('endsOn');
    expect(await node.stored()).toEqual(before);
  });

  it('takes the lending node’s approval with the person it nominated: they join its pool as lent by that node, named on the request', async () => {
    const personId = await borrow(node, CITY, DATES, { name: '赵六', sourceBody: 'audit' });
    const person = await node.get(PersonnelQueries).person(personId);
    expect(person).toMatchObject({ name: '赵六', sourceBodyLabel: '审计机关', lentBy: CITY });
    expect(await secondment(person.secondmentId as string)).toMatchObject({
      status: 'approved',
      statusLabel: '已同意',
      personId,
      personName: '赵六',
      wanted: '审计干部 1 名',
    });
  });

  it('takes a decline with its reason, and then no second decision', async () => {
    const requested = await request(CITY);
    expect(
      await node.deliver(CITY, SecondmentDecidedV1.type, decision(requested.id)),
    ).toMatchObject({
      outcome: 'applied',
    });
    expect(await secondment(requested.id)).toMatchObject({
      status: 'declined',
      reason: '任务繁重',
      personId: null,
      personName: null,
    });
    const late = await node.deliver(CITY, SecondmentDecidedV1.type, decision(requested.id));
    expect(late).toMatchObject({ reasonCode: 'NOT_AUTHORIZED' });
  });

  it('refuses a decision from a node it did not ask, and an approval carrying no person', async () => {
    const requested = await request(CITY);
    const stranger = await node.deliver(PROVINCE, SecondmentDecidedV1.type, decision(requested.id));
    expect(stranger).toMatchObject({ reasonCode: 'NOT_AUTHORIZED' });
    const nobody = await node.deliver(
      CITY,
      SecondmentDecidedV1.type,
      decision(requested.id, { decision: 'approved', reason: null, person: null }),
    );
    expect(nobody).toMatchObject({ reasonCode: 'CONFLICT' });
    expect(await secondment(requested.id)).toMatchObject({ status: 'requested', personId: null });
  });

  /** An ancestor asks to borrow `personId` of this node's pool (v1, naming the person). */
  const asked = async (personId: string, from = CITY) => {
    const payload: SecondmentRequestedV1 = {
      secondmentId: uuidv7(),
      personId,
      from: DATES.startsOn,
      to: DATES.endsOn,
      purpose: '上挂锻炼',
    };
    return {
      id: payload.secondmentId,
      settled: await node.deliver(from, SecondmentRequestedV1.type, payload),
    };
  };

  /** An ancestor asks (v2) for a person it describes, or names. */
  const askedFor = async (
    fields: Partial<SecondmentRequestedV2> = { wanted: WANTED },
    from = CITY,
    dates = DATES,
  ) => {
    const payload: SecondmentRequestedV2 = {
      secondmentId: uuidv7(),
      from: dates.startsOn,
      to: dates.endsOn,
      purpose: '上挂锻炼',
      ...fields,
    };
    return {
      id: payload.secondmentId,
      settled: await node.deliver(from, SecondmentRequestedV2.type, payload),
    };
  };
  const approve = (id: string, personId?: string) =>
    node.get(ApproveSecondment).execute(id, personId ? { personId } : {}, OFFICE);

  it('keeps a v2 request describing whom the borrower wants, without a person, for the office to decide', async () => {
    const before = await node.stored();
    const { id, settled } = await askedFor();
    expect(settled).toMatchObject({ outcome: 'applied' });
    expect(await secondment(id)).toMatchObject({
      role: 'lending',
      borrowingNode: CITY,
      borrowingNodeLabel: `石家庄市（${CITY}）`,
      personId: null,
      personName: null,
      wanted: WANTED,
      status: 'requested',
      statusLabel: '待下级确认',
      ...DATES,
    });
    expect((await node.stored()).secondment).toBe(before.secondment + 1);
  });

  it('approves a v2 request with the person it nominates from its pool, sending that person to the borrower', async () => {
    const own = await node.addPerson({ name: '钱七', sourceBody: 'audit' });
    const { id } = await askedFor();
    expect(await approve(id, own.id)).toMatchObject({
      status: 'approved',
      personId: own.id,
      personName: '钱七',
      wanted: WANTED,
    });
    expect(await sentFor<SecondmentDecidedV1>(SecondmentDecidedV1.type, id)).toEqual([
      {
        audience: `node:${CITY}`,
        payload: expect.objectContaining({
          decision: 'approved',
          reason: null,
          person: expect.objectContaining({ personId: own.id, name: '钱七', sourceBody: 'audit' }),
        }),
      },
    ]);
  });

  it('refuses to approve a v2 request without a nominee, saying what was wanted, and stores nothing', async () => {
    const { id } = await askedFor();
    const before = await node.stored();
    const refused = await refusal(approve(id));
    expect(refused).toMatchObject({ code: 'NOMINEE_REQUIRED', status: 400 });
    expect(refused.text.zh).toContain(`石家庄市（${CITY}）的借调申请没有指定人员`);
    expect(refused.text.zh).toContain(WANTED);
    expect(await node.stored()).toEqual(before);
    expect(await sentFor(SecondmentDecidedV1.type, id)).toEqual([]);
    expect(await secondment(id)).toMatchObject({ status: 'requested', personId: null });
  });

  it('refuses a nominee not in its pool, one lent to it, and one lent elsewhere for an overlapping period', async () => {
    const lentToUs = await borrow(node, CITY);
    const busy = await node.addPerson({ name: '周八' });
    const earlier = await askedFor({ wanted: WANTED }, PROVINCE);
    await approve(earlier.id, busy.id);
    const { id } = await askedFor({ wanted: WANTED }, CITY, {
      startsOn: '2027-06-01',
      endsOn: '2027-09-30',
    });
    const before = await node.stored();
    const unknown = await refusal(approve(id, uuidv7()));
    expect(unknown).toMatchObject({ code: 'NOMINEE_NOT_IN_POOL', status: 404 });
    expect(unknown.text.zh).toBe('所选人员不在本级干部人才库中，请从人才库中重新选择借出的人员');
    const borrowed = await refusal(approve(id, lentToUs));
    expect(borrowed).toMatchObject({ code: 'NOMINEE_NOT_OWN', status: 409 });
    expect(borrowed.text.zh).toContain(`从石家庄市（${CITY}）借调来的人员，不是本级人员`);
    const overlapping = await refusal(approve(id, busy.id));
    expect(overlapping).toMatchObject({ code: 'NOMINEE_UNAVAILABLE', status: 409 });
    expect(overlapping.text.zh).toContain(
      `周八已于 ${DATES.startsOn} 至 ${DATES.endsOn} 借调至河北省（${PROVINCE}）`,
    );
    expect(await node.stored()).toEqual(before);
    expect(await secondment(id)).toMatchObject({ status: 'requested', personId: null });

    const later = await askedFor({ wanted: WANTED }, CITY, {
      startsOn: '2027-07-01',
      endsOn: '2027-09-30',
    });
    expect(await approve(later.id, busy.id)).toMatchObject({
      status: 'approved',
      personName: '周八',
    });
  });

  it('takes a v2 request naming one of its people as v1 does, and refuses one naming someone not its own', async () => {
    const own = await node.addPerson({ name: '吴十' });
    const named = await askedFor({ personId: own.id });
    expect(await secondment(named.id)).toMatchObject({ personName: '吴十', wanted: null });
    const before = await node.stored();
    expect((await askedFor({ personId: uuidv7(), wanted: WANTED })).settled).toMatchObject({
      reasonCode: 'NOT_FOUND',
    });
    expect(await node.stored()).toEqual(before);
    expect(await approve(named.id)).toMatchObject({ status: 'approved', personId: own.id });
  });

  it('still lends the person a v1 request names, sending them with the approval, once; no one else in their place', async () => {
    const own = await node.addPerson({ name: '孙九', sourceBody: 'finance' });
    const other = await node.addPerson({ name: '郑十一' });
    const { id, settled } = await asked(own.id);
    expect(settled).toMatchObject({ outcome: 'applied' });
    expect(await secondment(id)).toMatchObject({
      role: 'lending',
      borrowingNode: CITY,
      borrowingNodeLabel: `石家庄市（${CITY}）`,
      personName: '孙九',
      wanted: null,
      status: 'requested',
    });
    const swapped = await refusal(approve(id, other.id));
    expect(swapped).toMatchObject({ code: 'NOMINEE_NOT_REQUESTED', status: 409 });
    expect(swapped.text.zh).toContain(
      `石家庄市（${CITY}）申请借调的是孙九，同意时不能改派其他人员`,
    );
    expect(await approve(id)).toMatchObject({ status: 'approved', personName: '孙九' });
    expect(await sentFor<SecondmentDecidedV1>(SecondmentDecidedV1.type, id)).toEqual([
      {
        audience: `node:${CITY}`,
        payload: expect.objectContaining({
          decision: 'approved',
          person: expect.objectContaining({
            personId: own.id,
            name: '孙九',
            sourceBody: 'finance',
          }),
        }),
      },
    ]);
    const before = await node.stored();
    const again = await refusal(
      node.get(DeclineSecondment).execute(id, { reason: '改变主意' }, OFFICE),
    );
    expect(again).toMatchObject({ code: 'ALREADY_DECIDED' });
    expect(again.text.zh).toContain(`石家庄市（${CITY}）的这项借调请求已同意，不能再次决定`);
    expect(await node.stored()).toEqual(before);
  });

  it('declines a request, telling the borrower why', async () => {
    const { id } = await asked((await node.addPerson()).id, PROVINCE);
    await node.get(DeclineSecondment).execute(id, { reason: '本单位巡察任务繁重' }, OFFICE);
    expect(await sentFor<SecondmentDecidedV1>(SecondmentDecidedV1.type, id)).toEqual([
      {
        audience: `node:${PROVINCE}`,
        payload: expect.objectContaining({
          decision: 'declined',
          reason: '本单位巡察任务繁重',
          person: null,
        }),
      },
    ]);
  });

  it('refuses a request from a node off its line, and one for a person not its own to lend', async () => {
    const own = await node.addPerson();
    const lent = await borrow(node, CITY);
    const before = await node.stored();
    const offLine = await asked(own.id, ZHENGDING);
    expect(offLine.settled).toMatchObject({ reasonCode: 'NOT_AUTHORIZED' });
    expect(offLine.settled.reason).toContain('secondment runs along the tree');
    for (const personId of [uuidv7(), lent]) {
      expect((await asked(personId)).settled).toMatchObject({ reasonCode: 'NOT_FOUND' });
    }
    expect(await node.stored()).toEqual(before);
  });

  it('decides only requests it received as the lender', async () => {
    const mine = await request(CITY);
    for (const id of [mine.id, uuidv7()]) {
      const refused = await refusal(approve(id));
      expect(refused).toMatchObject({ code: 'SECONDMENT_NOT_FOUND', status: 404 });
    }
  });
});
