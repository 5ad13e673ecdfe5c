import { ACCESS_ENTITIES, ACCESS_MIGRATIONS } from '@liandong/access';
import {
  DIRECTIVE_ENTITIES,
  DIRECTIVE_MIGRATIONS,
  DirectivesModule,
  PolicyBook,
} from '@liandong/directives';
import { PLANNING_ENTITIES, PLANNING_MIGRATIONS, PlanningModule } from '@liandong/planning';
import {
  NodeRegisteredV1,
  OversightAccessGrantedV1,
  OversightEngagementAcknowledgedV1,
  OversightEngagementClosedV1,
  OversightEngagementOpenedV1,
  OversightRecommendationAnsweredV1,
  OversightReportedV1,
  uuidv7,
} from '@liandong/protocol';
import { NodeFixture } from '@liandong/testing';
import { OVERSIGHT_ENTITIES, OVERSIGHT_MIGRATIONS, OversightModule } from '../src';
import { OpenEngagementDto } from '../src/engagements/engagement.dto';
import { EngagementQueries } from '../src/engagements/engagement.queries';
import { sumEngagementFigures } from '../src/figures/figures';
import { OversightFiguresQueries } from '../src/figures/figures.queries';
import { CloseEngagement } from '../src/engagements/use-cases/close-engagement.usecase';
import { OpenEngagement } from '../src/engagements/use-cases/open-engagement.usecase';
import { ReadOverseenArea } from '../src/engagements/use-cases/read-overseen-area.usecase';
import { RecordAttendance } from '../src/engagements/use-cases/record-attendance.usecase';
import { RecordObservation } from '../src/engagements/use-cases/record-observation.usecase';
import { OverdueSweeper } from '../src/recommendations/overdue-sweeper';

const CENTRAL = '000000';
const PROVINCE = '130000';
const CITY = '130100';
const COUNTY = '130121';
const SHANXI = '140000';

/** 河北省 as the overseeing node of 石家庄市 (its child) and 井陉县 (below it). */
describe('oversight at the overseeing node', () => {
  const planning = PlanningModule.forRoot();
  const node = new NodeFixture({
    nodeId: PROVINCE,
    tree: [
      { nodeId: CENTRAL, name: '中央', tier: 'central', parentId: null },
      { nodeId: PROVINCE, name: '河北省', tier: 'provincial', parentId: CENTRAL },
      { nodeId: SHANXI, name: '山西省', tier: 'provincial', parentId: CENTRAL },
      { nodeId: CITY, name: '石家庄市', tier: 'municipal', parentId: PROVINCE },
      { nodeId: COUNTY, name: '井陉县', tier: 'county', parentId: CITY },
    ],
    now: new Date('2026-12-01T02:00:00Z'),
    imports: [
      DirectivesModule,
      planning,
      OversightModule.forRoot(planning, { sweepMs: 24 * 3600_000 }),
    ],
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
  beforeAll(async () => {
    await node.start();
    for (const [nodeId, name, tier, parentId, path] of [
      [CITY, '石家庄市', 'municipal', PROVINCE, [CENTRAL, PROVINCE, CITY]],
      [COUNTY, '井陉县', 'county', CITY, [CENTRAL, PROVINCE, CITY, COUNTY]],
    ] as const) {
      const payload = { nodeId, name, tier, parentId, path: [...path] } as NodeRegisteredV1;
      expect(await node.deliver(nodeId, NodeRegisteredV1.type, payload)).toMatchObject({
        outcome: 'applied',
      });
    }
  });
  afterAll(() => node.stop());

  const dto = (extra: Partial<OpenEngagementDto> = {}): OpenEngagementDto => ({
    overseenNode: CITY,
    form: 'investigation',
    title: '对石家庄市巡察工作开展调研督导',
    windowStart: '2026-12-01',
    windowEnd: '2026-12-15',
    people: [{ name: '张某', post: '省委巡视办督导组组长' }],
    checklist: ['team_recusal.recusal', 'records.trail'],
    ...extra,
  });
  const open = (extra: Partial<OpenEngagementDto> = {}) =>
    node.get(OpenEngagement).execute(dto(extra), 'office');
  const latestFigures = async () => {
    const sent = await node.sent<OversightReportedV1>(OversightReportedV1.type);
    expect(sent.every((s) => s.audience === `node:${CENTRAL}`)).toBe(true);
    return sent[sent.length - 1].payload;
  };

  it('opens an engagement only over a registered descendant, and tells it', async () => {
    for (const target of [CENTRAL, SHANXI, PROVINCE])
      await expect(open({ overseenNode: target })).rejects.toMatchObject({
        code: 'NOT_A_DESCENDANT',
      });
    await expect(open({ form: 'on_site' })).rejects.toMatchObject({ code: 'ROUND_REQUIRED' });
    await expect(open({ windowEnd: '2026-11-30' })).rejects.toMatchObject({
      code: 'WINDOW_INVALID',
    });
    const toCounty = await open({ overseenNode: COUNTY });
    const sent = await node.sent<OversightEngagementOpenedV1>(OversightEngagementOpenedV1.type);
    expect(sent.find((s) => s.payload.engagementId === toCounty.id)).toMatchObject({
      audience: `node:${COUNTY}`,
      payload: { form: 'investigation', checklist: ['team_recusal.recusal', 'records.trail'] },
    });
    expect((await latestFigures()).own.engagementsOpen).toBe(1);
  });

  it('takes the acknowledgement and the grant only from the overseen node, within the checklist', async () => {
    const engagement = await open();
    const ack: OversightEngagementAcknowledgedV1 = {
      engagementId: engagement.id,
      acknowledgedAt: node.clock.now().toISOString(),
      acknowledgedBy: '石家庄市委巡察办',
    };
    expect(await node.deliver(COUNTY, OversightEngagementAcknowledgedV1.type, ack)).toMatchObject({
      outcome: 'dead_lettered',
      reasonCode: 'NOT_AUTHORIZED',
    });
    expect(await node.deliver(CITY, OversightEngagementAcknowledgedV1.type, ack)).toMatchObject({
      outcome: 'applied',
    });
    const grant: OversightAccessGrantedV1 = {
      engagementId: engagement.id,
      areas: ['referrals'],
      validFrom: '2026-12-01',
      validUntil: '2026-12-15',
      grantedAt: node.clock.now().toISOString(),
    };
    expect(await node.deliver(CITY, OversightAccessGrantedV1.type, grant)).toMatchObject({
      outcome: 'dead_lettered',
      reasonCode: 'NOT_AUTHORIZED',
    });
    expect(
      await node.deliver(CITY, OversightAccessGrantedV1.type, {
        ...grant,
        areas: ['records'],
        validUntil: '2026-12-31',
      }),
    ).toMatchObject({ outcome: 'dead_lettered', reasonCode: 'INVALID_PAYLOAD' });
    expect(
      await node.deliver(CITY, OversightAccessGrantedV1.type, { ...grant, areas: ['records'] }),
    ).toMatchObject({
      outcome: 'applied',
    });
    const held = await node.get(EngagementQueries).detail(engagement.id);
    expect(held).toMatchObject({
      status: 'acknowledged',
      grantedAreas: ['records'],
      grantInForce: true,
    });
    await expect(
      node.get(ReadOverseenArea).execute(engagement.id, 'team_recusal', 'office'),
    ).rejects.toMatchObject({
      code: 'AREA_NOT_GRANTED',
    });
  });

  it('records observations on checklist items, attendance only for training, and closes with answer-by days from the policy in force', async () => {
    const engagement = await open();
    await expect(
      node
        .get(RecordObservation)
        .execute(engagement.id, { item: 'referrals.clue_referral', text: '未列入清单' }, 'office'),
    ).rejects.toMatchObject({ code: 'ITEM_NOT_IN_CHECKLIST' });
    await node
      .get(RecordObservation)
      .execute(engagement.id, { item: 'records.trail', text: '留痕完整' }, 'office');
    await expect(
      node
        .get(RecordAttendance)
        .execute(engagement.id, { attendees: [{ name: '李某', unit: '某单位' }] }, 'office'),
    ).rejects.toMatchObject({ code: 'NOT_TRAINING' });
    const close = () =>
      node.get(CloseEngagement).execute(
        engagement.id,
        {
          assessment: '总体规范',
          recommendations: [{ item: 'records.trail', text: '完善档案目录' }],
        },
        'office',
      );
    await expect(close()).rejects.toMatchObject({ code: 'NOT_ACKNOWLEDGED' });
    await node.deliver(CITY, OversightEngagementAcknowledgedV1.type, {
      engagementId: engagement.id,
      acknowledgedAt: node.clock.now().toISOString(),
      acknowledgedBy: '石家庄市委巡察办',
    });
    // Central shortened the rule from 2026-11-01 (a directive's policy, recorded in the book).
    await node.dataSource.transaction((m) =>
      node
        .get(PolicyBook)
        .apply(
          m,
          [{ key: 'oversight.recommendation_answer_days', value: 30, effectiveFrom: '2026-11-01' }],
          uuidv7(),
          CENTRAL,
        ),
    );
    const closed = await close();
    expect(closed.status).toBe('closed');
    expect(closed.recommendations).toMatchObject([{ answerBy: '2026-12-31', state: 'open' }]);
    const [sent] = (
      await node.sent<OversightEngagementClosedV1>(OversightEngagementClosedV1.type)
    ).filter((s) => s.payload.engagementId === engagement.id);
    expect(sent.audience).toBe(`node:${CITY}`);
    expect(sent.payload.recommendations[0]).toMatchObject({
      answerBy: '2026-12-31',
      item: 'records.trail',
    });
    await expect(close()).rejects.toMatchObject({ code: 'ENGAGEMENT_CLOSED' });

    const recommendationId = closed.recommendations[0].id;
    const answer: OversightRecommendationAnsweredV1 = {
      engagementId: engagement.id,
      recommendationId,
      answeredAt: node.clock.now().toISOString(),
      answeredBy: '石家庄市委巡察办',
      answer: '已完善档案目录',
    };
    expect(
      await node.deliver(COUNTY, OversightRecommendationAnsweredV1.type, answer),
    ).toMatchObject({
      reasonCode: 'NOT_AUTHORIZED',
    });
    expect(
      await node.deliver(CITY, OversightRecommendationAnsweredV1.type, {
        ...answer,
        recommendationId: uuidv7(),
      }),
    ).toMatchObject({ reasonCode: 'NOT_FOUND' });
    expect(await node.deliver(CITY, OversightRecommendationAnsweredV1.type, answer)).toMatchObject({
      outcome: 'applied',
    });
    expect(
      await node.deliver(CITY, OversightRecommendationAnsweredV1.type, {
        ...answer,
        answer: '再答',
      }),
    ).toMatchObject({
      reasonCode: 'CONFLICT',
    });
    expect((await node.get(EngagementQueries).detail(engagement.id)).recommendations[0].state).toBe(
      'answered',
    );
    expect((await latestFigures()).own).toMatchObject({
      engagementsClosed: 1,
      recommendationsAnswered: 1,
    });
  });

  it('sweeps an unanswered recommendation past its day as overdue once, and reports it up', async () => {
    const engagement = await open({ form: 'training', checklist: ['records.archive'] });
    await node.get(RecordAttendance).execute(
      engagement.id,
      {
        attendees: [
          { name: '李某', unit: '石家庄市委巡察办' },
          { name: '赵某', unit: '井陉县委巡察办' },
        ],
      },
      'office',
    );
    await node.deliver(CITY, OversightEngagementAcknowledgedV1.type, {
      engagementId: engagement.id,
      acknowledgedAt: node.clock.now().toISOString(),
      acknowledgedBy: '石家庄市委巡察办',
    });
    await node.get(CloseEngagement).execute(
      engagement.id,
      {
        assessment: '培训效果良好',
        recommendations: [{ item: 'records.archive', text: '建立培训档案' }],
      },
      'office',
    );
    expect(await node.get(OverdueSweeper).sweep()).toBe(0);
    node.clock.set(new Date('2027-01-01T02:00:00Z')); // past 2026-12-31
    expect(await node.get(OverdueSweeper).sweep()).toBe(1);
    expect(await node.get(OverdueSweeper).sweep()).toBe(0);
    expect((await latestFigures()).own.recommendationsOverdue).toBe(1);
    const detail = await node.get(EngagementQueries).detail(engagement.id);
    expect(detail.recommendations[0].state).toBe('overdue');
    expect(detail.attendees.map((a) => `${a.name}/${a.unit}`)).toEqual([
      '李某/石家庄市委巡察办',
      '赵某/井陉县委巡察办',
    ]);
  });

  it("keeps each child's latest figures and sums them into its own report", async () => {
    const figures = {
      engagementsOpen: 2,
      engagementsClosed: 1,
      recommendationsOpen: 3,
      recommendationsAnswered: 4,
      recommendationsOverdue: 5,
    };
    const report: OversightReportedV1 = {
      asOf: node.clock.now().toISOString(),
      own: figures,
      subtree: figures,
      children: [],
    };
    expect(await node.deliver(COUNTY, OversightReportedV1.type, report)).toMatchObject({
      reasonCode: 'NOT_AUTHORIZED',
    });
    const before = (await latestFigures()).subtree;
    expect(await node.deliver(CITY, OversightReportedV1.type, report)).toMatchObject({
      outcome: 'applied',
    });
    const after = await latestFigures();
    expect(after.children).toEqual([{ nodeId: CITY, name: '石家庄市', figures }]);
    expect(after.subtree.recommendationsOverdue).toBe(before.recommendationsOverdue + 5);
  });

  it('counts its engagements by the descendant overseen, adding up to its own figures', async () => {
    const queries = node.get(OversightFiguresQueries);
    const rows = await queries.byOverseen();
    expect(rows.map((r) => [r.nodeId, r.name])).toEqual([
      [CITY, '石家庄市'],
      [COUNTY, '井陉县'],
    ]);
    expect(rows[1].figures).toEqual({
      engagementsOpen: 1,
      engagementsClosed: 0,
      recommendationsOpen: 0,
      recommendationsAnswered: 0,
      recommendationsOverdue: 0,
    });
    expect(rows[0].figures.recommendationsOverdue).toBe(1);
    expect(sumEngagementFigures(rows.map((r) => r.figures))).toEqual((await queries.figures()).own);
  });
});
