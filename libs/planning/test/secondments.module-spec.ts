import { SecondmentDecidedV1, SecondmentRequestedV1, uuidv7 } from '@liandong/protocol';
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

/**
 * 上挂下派 on a county, both ways along its line of the tree: borrowing (RequestSecondment,
 * then ReceiveSecondmentDecision) and lending (ReceiveSecondmentRequest, then
 * ApproveSecondment or DeclineSecondment).
 */
describe('secondments (上挂下派)', () => {
  const node = new PlanningFixture(JINGXING);
  beforeAll(() => node.start());
  afterAll(() => node.stop());

  const request = (lendingNode: string, dates = DATES) =>
    node
      .get(RequestSecondment)
      .execute({ lendingNode, personId: uuidv7(), ...dates, purpose: '跟班学习' }, OFFICE);
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

  it('asks an ancestor to lend a person, telling the lending node', async () => {
    const requested = await request(CITY);
    expect(requested).toMatchObject({
      role: 'borrowing',
      borrowingNode: JINGXING,
      lendingNode: CITY,
      status: 'requested',
      statusLabel: '待下级确认',
      ...DATES,
    });
    expect(await sentFor(SecondmentRequestedV1.type, requested.id)).toEqual([
      {
        audience: `node:${CITY}`,
        payload: expect.objectContaining({
          personId: requested.personId,
          from: DATES.startsOn,
          to: DATES.endsOn,
          purpose: '跟班学习',
        }),
      },
    ]);
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

  it('takes the lending node’s approval: the person joins its pool as lent by that node', async () => {
    const personId = await borrow(node, CITY, DATES, { name: '赵六', sourceBody: 'audit' });
    const person = await node.get(PersonnelQueries).person(personId);
    expect(person).toMatchObject({ name: '赵六', sourceBodyLabel: '审计机关', lentBy: CITY });
    expect(await secondment(person.secondmentId as string)).toMatchObject({
      status: 'approved',
      statusLabel: '已同意',
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
    });
    await expect(node.get(PersonnelQueries).person(requested.personId)).rejects.toMatchObject({
      code: 'PERSON_NOT_FOUND',
    });
    const late = await node.deliver(CITY, SecondmentDecidedV1.type, decision(requested.id));
    expect(late).toMatchObject({ reasonCode: 'NOT_AUTHORIZED' });
  });

  it('refuses a decision from a node it did not ask, and an approval carrying someone else', async () => {
    const requested = await request(CITY);
    const stranger = await node.deliver(PROVINCE, SecondmentDecidedV1.type, decision(requested.id));
    expect(stranger).toMatchObject({ reasonCode: 'NOT_AUTHORIZED' });
    const other = {
      personId: uuidv7(),
      name: '他人',
      sourceBody: 'audit' as const,
      homeJurisdiction: CITY,
      homeUnitCode: null,
      homeUnitName: '石家庄市审计局',
      posts: [],
      relations: [],
    };
    const swapped = await node.deliver(
      CITY,
      SecondmentDecidedV1.type,
      decision(requested.id, { decision: 'approved', reason: null, person: other }),
    );
    expect(swapped).toMatchObject({ reasonCode: 'CONFLICT' });
    expect(await secondment(requested.id)).toMatchObject({ status: 'requested' });
    await expect(node.get(PersonnelQueries).person(other.personId)).rejects.toMatchObject({
      code: 'PERSON_NOT_FOUND',
    });
  });

  /** An ancestor asks to borrow `personId` of this node's pool. */
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

  it('lends one of its people to an ancestor that asks, sending the person with the approval, once', async () => {
    const own = await node.addPerson({ name: '孙九', sourceBody: 'finance' });
    const { id, settled } = await asked(own.id);
    expect(settled).toMatchObject({ outcome: 'applied' });
    expect(await secondment(id)).toMatchObject({
      role: 'lending',
      borrowingNode: CITY,
      borrowingNodeLabel: `石家庄市（${CITY}）`,
      personName: '孙九',
      status: 'requested',
    });
    expect(await node.get(ApproveSecondment).execute(id, OFFICE)).toMatchObject({
      status: 'approved',
    });
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
      const refused = await refusal(node.get(ApproveSecondment).execute(id, OFFICE));
      expect(refused).toMatchObject({ code: 'SECONDMENT_NOT_FOUND', status: 404 });
    }
  });
});
