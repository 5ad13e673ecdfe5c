import { InspectionFeedbackGivenV1, InspectionHandedBackV1 } from '@liandong/protocol';
import { InspectionQueries } from '../src/inspections/inspection.queries';
import { GiveFeedback } from '../src/inspections/use-cases/give-feedback.usecase';
import { HandBackSupervision } from '../src/inspections/use-cases/hand-back-supervision.usecase';
import {
  CITY,
  JINGXING,
  OFFICE,
  PlanningFixture,
  PROVINCE,
  refusal,
  ZHENGDING,
} from './planning.fixture';
import { crossVisit, escalate, feedbackFrom } from './tree-events';

/**
 * Feedback and hand-back on a county: feedback once, with a team; supervision of an escalated
 * or cross inspection's rectification handed to the owner after feedback, by the conducting
 * node only (HandBackSupervision) — and, as owner, taken over (ReceiveSupervision).
 */
describe('feedback and hand-back of supervision', () => {
  const node = new PlanningFixture(JINGXING);
  beforeAll(() => node.start());
  afterAll(() => node.stop());

  const handBack = (id: string, notes = '整改监督移交') =>
    node.get(HandBackSupervision).execute(id, { notes }, OFFICE);
  const feedback = (id: string) =>
    node.get(GiveFeedback).execute(id, { summary: '反馈意见：限期整改。' }, OFFICE);
  const detail = (id: string) => node.get(InspectionQueries).detail(id);
  const sentFor = async <P extends { inspectionId: string }>(type: string, id: string) =>
    (await node.sent<P>(type)).filter((e) => e.payload.inspectionId === id);

  it('gives feedback once, to a planned inspection that has a team leader', async () => {
    const inspection = await node.ownInspection();
    const noTeam = await refusal(feedback(inspection.id));
    expect(noTeam).toMatchObject({ code: 'NO_TEAM' });
    expect((await detail(inspection.id)).status).toBe('planned');
    await node.team(inspection.id);
    expect(await feedback(inspection.id)).toMatchObject({ status: 'feedback_given' });
    const before = await node.stored();
    const twice = await refusal(feedback(inspection.id));
    expect(twice).toMatchObject({ code: 'NOT_PLANNED' });
    expect(twice.text.zh).toContain('只反馈一次');
    expect(await node.stored()).toEqual(before);
  });

  it('hands a cross inspection back to the owner after feedback, which went to the owner and the ordering city', async () => {
    const { inspectionId, orderId } = await crossVisit(node, ZHENGDING);
    await node.feedBack(inspectionId);
    const told = await sentFor<InspectionFeedbackGivenV1>(
      InspectionFeedbackGivenV1.type,
      inspectionId,
    );
    expect(told.map((e) => e.audience).sort()).toEqual([`node:${CITY}`, `node:${ZHENGDING}`]);
    expect(told[0].payload).toMatchObject({
      mode: 'cross',
      ownerNode: ZHENGDING,
      crossOrderId: orderId,
    });

    const handed = await handBack(inspectionId, `整改监督移交${ZHENGDING}`);
    expect(handed).toMatchObject({
      status: 'handed_back',
      handBackNotes: `整改监督移交${ZHENGDING}`,
    });
    expect(
      await sentFor<InspectionHandedBackV1>(InspectionHandedBackV1.type, inspectionId),
    ).toEqual([
      {
        audience: `node:${ZHENGDING}`,
        payload: expect.objectContaining({ inspectionId, notes: `整改监督移交${ZHENGDING}` }),
      },
    ]);
  });

  it('refuses to hand back before feedback, and stores nothing', async () => {
    const { inspectionId } = await crossVisit(node, ZHENGDING);
    await node.team(inspectionId);
    const before = await node.stored();
    const refused = await refusal(handBack(inspectionId));
    expect(refused).toMatchObject({ code: 'NO_FEEDBACK_YET' });
    expect(refused.text.zh).toContain('须在反馈之后');
    expect(await node.stored()).toEqual(before);
    expect((await detail(inspectionId)).status).toBe('planned');
  });

  it('does not hand back an inspection of its own organization: it supervises that itself', async () => {
    const inspection = await node.ownInspection();
    await node.feedBack(inspection.id);
    const refused = await refusal(handBack(inspection.id));
    expect(refused).toMatchObject({ code: 'OWN_ORGANIZATION' });
    expect((await detail(inspection.id)).status).toBe('feedback_given');
  });

  it('leaves hand-back (and feedback, and the team) to the conducting node: not of an inspection it hosts', async () => {
    const { code } = await node.organization();
    const { payload } = await escalate(node, CITY, code);
    const id = payload.inspectionId;
    for (const work of [() => handBack(id), () => feedback(id), () => node.team(id)]) {
      const refused = await refusal(work());
      expect(refused).toMatchObject({ code: 'INSPECTION_NOT_FOUND', status: 404 });
      expect(refused.text.zh).toContain('只能由实施巡察的一方办理');
    }
  });

  it('as owner, takes over supervision the conducting ancestor hands back after feedback', async () => {
    const org = await node.organization('village');
    const { payload } = await escalate(node, CITY, org.code);
    const id = payload.inspectionId;
    const given = await feedbackFrom(node, CITY, {
      id,
      organizationCode: org.code,
      organizationName: org.name,
    });
    expect(given).toMatchObject({ outcome: 'applied' });
    expect((await detail(id)).status).toBe('feedback_given');
    const handedBack: InspectionHandedBackV1 = {
      inspectionId: id,
      handedBackAt: node.clock.now().toISOString(),
      notes: '整改监督移交井陉县',
    };
    expect(await node.deliver(CITY, InspectionHandedBackV1.type, handedBack)).toMatchObject({
      outcome: 'applied',
    });
    expect(await detail(id)).toMatchObject({
      role: 'hosted',
      status: 'handed_back',
      handBackNotes: '整改监督移交井陉县',
    });
  });

  it('as owner, refuses a hand-back before feedback, and one from a node that does not conduct the inspection', async () => {
    const { code } = await node.organization();
    const { payload } = await escalate(node, CITY, code);
    const handedBack: InspectionHandedBackV1 = {
      inspectionId: payload.inspectionId,
      handedBackAt: node.clock.now().toISOString(),
      notes: '移交',
    };
    const early = await node.deliver(CITY, InspectionHandedBackV1.type, handedBack);
    expect(early).toMatchObject({ reasonCode: 'CONFLICT' });
    expect(early.reason).toContain('after feedback');
    const other = await node.deliver(PROVINCE, InspectionHandedBackV1.type, handedBack);
    expect(other).toMatchObject({ reasonCode: 'NOT_AUTHORIZED' });
    const stranger = await feedbackFrom(node, PROVINCE, {
      id: payload.inspectionId,
      organizationCode: code,
    });
    expect(stranger).toMatchObject({ reasonCode: 'NOT_AUTHORIZED' });
    expect((await detail(payload.inspectionId)).status).toBe('planned');
  });
});
