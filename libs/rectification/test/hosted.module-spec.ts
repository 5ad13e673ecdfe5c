import {
  InspectionEscalatedV1,
  InspectionFeedbackGivenV1,
  InspectionHandedBackV1,
  uuidv7,
} from '@liandong/protocol';
import { RectificationQueries } from '../src/rectification/rectification.queries';
import { CITY, organization, rectificationNode, rectificationOf } from './rectification.fixture';

/**
 * 提级巡察 seen from the county: the city inspects one of the county's organizations; its
 * feedback opens the rectification here, supervised by the city until it hands it back.
 */
describe('the rectification of an inspection the county hosts', () => {
  const node = rectificationNode();
  beforeAll(() => node.start());
  afterAll(() => node.stop());

  it('opens at the county on the city’s feedback, with its problems, supervised by the city until hand-back', async () => {
    const org = await organization(node, '井陉县某村党支部');
    const inspectionId = uuidv7();
    const escalated: InspectionEscalatedV1 = {
      inspectionId,
      round: {
        roundId: uuidv7(),
        type: 'regular',
        theme: '市委提级巡察',
        windowStart: '2026-11-01',
        windowEnd: '2027-01-31',
      },
      organizationCode: org.code,
    };
    expect(await node.deliver(CITY, InspectionEscalatedV1.type, escalated)).toMatchObject({
      outcome: 'applied',
    });
    const problem = {
      findingId: uuidv7(),
      title: '村级财务管理混乱',
      facts: '村账目未公开。',
      basis: '《农村基层组织工作条例》',
    };
    const feedback: InspectionFeedbackGivenV1 = {
      inspectionId,
      mode: 'escalated',
      roundId: escalated.round.roundId,
      parentRoundId: null,
      crossOrderId: null,
      ownerNode: node.nodeId,
      organizationCode: org.code,
      organizationName: org.name,
      organizationCategory: 'department',
      feedbackAt: node.clock.now().toISOString(),
      summary: '反馈意见。',
      problems: [problem],
    };
    expect(await node.deliver(CITY, InspectionFeedbackGivenV1.type, feedback)).toMatchObject({
      outcome: 'applied',
    });
    const opened = await rectificationOf(node, inspectionId);
    expect(opened).toMatchObject({
      conductingNode: CITY,
      mode: 'escalated',
      organizationCode: org.code,
      supervisedBy: CITY,
      policyMonths: 2,
      dueOn: '2027-01-20',
    });
    expect(opened.items).toEqual([
      expect.objectContaining({
        findingId: problem.findingId,
        problem: '村级财务管理混乱：村账目未公开。',
        basis: problem.basis,
        status: 'open',
      }),
    ]);

    const handBack: InspectionHandedBackV1 = {
      inspectionId,
      handedBackAt: node.clock.now().toISOString(),
      notes: '移交整改监督',
    };
    expect(await node.deliver(CITY, InspectionHandedBackV1.type, handBack)).toMatchObject({
      outcome: 'applied',
    });
    expect((await node.get(RectificationQueries).detail(opened.id)).supervisedBy).toBe('self');
  });
});
