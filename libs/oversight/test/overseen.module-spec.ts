import { ACCESS_ENTITIES, ACCESS_MIGRATIONS } from '@liandong/access';
import { DIRECTIVE_ENTITIES, DIRECTIVE_MIGRATIONS, DirectivesModule } from '@liandong/directives';
import { PLANNING_ENTITIES, PLANNING_MIGRATIONS, PlanningModule } from '@liandong/planning';
import {
  OversightEngagementAcknowledgedV1,
  OversightEngagementClosedV1,
  OversightEngagementOpenedV1,
  OversightRecommendationAnsweredV1,
  uuidv7,
} from '@liandong/protocol';
import { NodeFixture } from '@liandong/testing';
import { OVERSIGHT_ENTITIES, OVERSIGHT_MIGRATIONS, OversightModule } from '../src';
import { AreaAnswerer } from '../src/engagements/area-answer';
import { EngagementQueries } from '../src/engagements/engagement.queries';
import { AcknowledgeEngagement } from '../src/engagements/use-cases/acknowledge-engagement.usecase';
import { GrantAccess } from '../src/engagements/use-cases/grant-access.usecase';
import { OversightWork } from '../src';
import { AnswerRecommendation } from '../src/recommendations/use-cases/answer-recommendation.usecase';

const CENTRAL = '000000';
const PROVINCE = '130000';
const CITY = '130100';
const DAY = 86_400_000;

/** 河北省 as the overseen node: central's engagements arrive, are acknowledged, granted, answered. */
describe('oversight at the overseen node', () => {
  const planning = PlanningModule.forRoot();
  const node = new NodeFixture({
    nodeId: PROVINCE,
    now: new Date('2026-12-01T02:00:00Z'),
    imports: [DirectivesModule, planning, OversightModule.forRoot(planning)],
    entities: [
      ...ACCESS_ENTITIES,
      ...DIRECTIVE_ENTITIES,
      ...PLANNING_ENTITIES,
      ...OVERSIGHT_ENTITIES,
    ],
    migrations: [
      ...ACCESS_MIGRATIONS,
      ...DIRECTIVE_MIGRATIONS,
      ...PLANNING_MIGRATIONS,
      ...OVERSIGHT_MIGRATIONS,
    ],
  });
  beforeAll(() => node.start());
  afterAll(() => node.stop());

  const opened = (
    extra: Partial<OversightEngagementOpenedV1> = {},
  ): OversightEngagementOpenedV1 => ({
    engagementId: uuidv7(),
    form: 'investigation',
    roundId: null,
    title: '对河北省巡视工作开展调研督导',
    windowStart: '2026-12-01',
    windowEnd: '2026-12-20',
    people: [{ name: '王某', post: '中央巡视办督导组组长' }],
    checklist: ['team_recusal.recusal', 'planning_coverage.coverage_progress'],
    ...extra,
  });

  it('refuses an engagement from a descendant (not an ancestor) and records nothing', async () => {
    const forged = opened();
    expect(await node.deliver(CITY, OversightEngagementOpenedV1.type, forged)).toMatchObject({
      outcome: 'rejected',
      reasonCode: 'NOT_AUTHORIZED',
    });
    await expect(node.get(EngagementQueries).detail(forged.engagementId)).rejects.toMatchObject({
      code: 'ENGAGEMENT_NOT_FOUND',
    });
  });

  it('refuses an on-site engagement naming a round it does not hold', async () => {
    expect(
      await node.deliver(
        CENTRAL,
        OversightEngagementOpenedV1.type,
        opened({ form: 'on_site', roundId: uuidv7() }),
      ),
    ).toMatchObject({ outcome: 'dead_lettered', reasonCode: 'NOT_FOUND' });
  });

  it("takes central's engagement, acknowledges it, grants its areas until the window ends, and answers only while the grant holds", async () => {
    const engagement = opened();
    expect(await node.deliver(CENTRAL, OversightEngagementOpenedV1.type, engagement)).toMatchObject(
      {
        outcome: 'applied',
      },
    );
    const office = node.person('office', 'inspection_office');
    const todo = async (kind: string) =>
      (await node.get(OversightWork).items(['inspection_office']))
        .filter((i) => i.kind === kind)
        .map((i) => i.subjectId);
    expect(await todo('oversight.acknowledge')).toContain(engagement.engagementId);
    expect(await node.get(OversightWork).items(['viewer'])).toEqual([]);
    await expect(
      node.get(GrantAccess).execute(engagement.engagementId, { areas: ['team_recusal'] }, 'office'),
    ).rejects.toMatchObject({ code: 'NOT_ACKNOWLEDGED' });
    await node
      .get(AcknowledgeEngagement)
      .execute(engagement.engagementId, { acknowledgedBy: '河北省委巡视办' }, office.username);
    const [ack] = (
      await node.sent<OversightEngagementAcknowledgedV1>(OversightEngagementAcknowledgedV1.type)
    ).filter((e) => e.payload.engagementId === engagement.engagementId);
    expect(ack.audience).toBe(`node:${CENTRAL}`);
    await expect(
      node.get(GrantAccess).execute(engagement.engagementId, { areas: ['referrals'] }, 'office'),
    ).rejects.toMatchObject({ code: 'AREA_NOT_GRANTED' });
    expect(await todo('oversight.acknowledge')).not.toContain(engagement.engagementId);
    expect(await todo('oversight.grant')).toContain(engagement.engagementId);
    const granted = await node
      .get(GrantAccess)
      .execute(engagement.engagementId, { areas: ['team_recusal'] }, 'office');
    expect(granted).toMatchObject({
      grantFrom: '2026-12-01',
      grantUntil: '2026-12-20',
      grantInForce: true,
    });

    const answerer = node.get(AreaAnswerer);
    const body = { engagementId: engagement.engagementId, area: 'team_recusal' as const };
    await expect(answerer.answer(body, CENTRAL)).resolves.toMatchObject({ inspections: [] });
    await expect(
      answerer.answer({ ...body, area: 'planning_coverage' }, CENTRAL),
    ).rejects.toMatchObject({
      code: 'AREA_NOT_GRANTED',
    });
    await expect(answerer.answer(body, '140000')).rejects.toMatchObject({
      code: 'ENGAGEMENT_NOT_FOUND',
    });
    const reads: Array<{ n: string }> = await node.dataSource.query(
      `SELECT count(*) AS n FROM audit_entry WHERE action = 'oversight.area_read' AND subject_id = $1`,
      [engagement.engagementId],
    );
    expect(Number(reads[0].n)).toBe(1);

    node.clock.advance(20 * DAY); // 2026-12-21: past the window
    await expect(answerer.answer(body, CENTRAL)).rejects.toMatchObject({ code: 'GRANT_EXPIRED' });
    node.clock.set(new Date('2026-12-01T02:00:00Z'));
  });

  it('records the recommendations of the closing, overdue after their day, answered once, and refuses a closing from another node', async () => {
    const engagement = opened();
    await node.deliver(CENTRAL, OversightEngagementOpenedV1.type, engagement);
    const closing: OversightEngagementClosedV1 = {
      engagementId: engagement.engagementId,
      closedAt: node.clock.now().toISOString(),
      assessment: '总体规范',
      recommendations: [
        {
          recommendationId: uuidv7(),
          item: 'team_recusal.recusal',
          text: '建立回避说明归档制度',
          answerBy: '2027-01-30',
        },
        {
          recommendationId: uuidv7(),
          item: 'team_recusal.recusal',
          text: '回避情况向领导小组报告',
          answerBy: '2027-01-30',
        },
      ],
    };
    expect(await node.deliver(CITY, OversightEngagementClosedV1.type, closing)).toMatchObject({
      outcome: 'rejected',
      reasonCode: 'NOT_AUTHORIZED',
    });
    expect(await node.deliver(CENTRAL, OversightEngagementClosedV1.type, closing)).toMatchObject({
      outcome: 'applied',
    });
    const [first, second] = closing.recommendations.map((r) => r.recommendationId);
    const answered = await node
      .get(AnswerRecommendation)
      .execute(first, { answeredBy: '河北省委巡视办', answer: '已建立制度' }, 'office');
    expect(answered).toMatchObject({ state: 'answered' });
    await expect(
      node
        .get(AnswerRecommendation)
        .execute(first, { answeredBy: '河北省委巡视办', answer: '再答' }, 'office'),
    ).rejects.toMatchObject({ code: 'RECOMMENDATION_ANSWERED' });
    const sent = await node.sent<OversightRecommendationAnsweredV1>(
      OversightRecommendationAnsweredV1.type,
    );
    expect(sent.find((e) => e.payload.recommendationId === first)?.audience).toBe(
      `node:${CENTRAL}`,
    );

    const states = async () =>
      Object.fromEntries(
        (await node.get(EngagementQueries).detail(engagement.engagementId)).recommendations.map(
          (r) => [r.id, r.state],
        ),
      );
    expect(await states()).toEqual({ [first]: 'answered', [second]: 'open' });
    node.clock.set(new Date('2027-01-31T02:00:00Z'));
    expect(await states()).toEqual({ [first]: 'answered', [second]: 'overdue' });
    const answers = (await node.get(OversightWork).items(['inspection_office'])).filter(
      (i) => i.kind === 'oversight.answer',
    );
    expect(answers.map((i) => [i.subjectId, i.level, i.dueOn])).toEqual([
      [second, 'overdue', '2027-01-30'],
    ]);
    node.clock.set(new Date('2026-12-01T02:00:00Z'));
  });
});
