import { createHash } from 'node:crypto';
import { SettableClock } from '@liandong/messaging';
import { InProcessFederation } from '@liandong/local-federation';
import { OversightEngagementOpenedV1, uuidv7 } from '@liandong/protocol';
import { NODE_LAUNCHER } from '../src/launch';
import { PDF, RectificationFederation, unique } from './rectification/federation-helpers';
import { count, HEBEI_SAMPLE_TREE, refusedBy, waitFor, waitForRegistrations } from './support';

const CENTRAL = '000000';
const PROVINCE = '130000';
const CITY = '130100';
/** A peer of 河北省: it never sent 河北省 anything, so its forgery is the first of its sequence. */
const PEER = '140000';
const DAY = 86_400_000;

/** 指导督导 across real nodes: central oversees 河北省, 河北省 oversees 石家庄市. */
describe('oversight engagements across tiers', () => {
  const clock = new SettableClock(new Date('2026-12-01T02:00:00Z'));
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: [
      ...HEBEI_SAMPLE_TREE.slice(0, 3),
      { nodeId: PEER, name: '山西省', tier: 'provincial', parentId: CENTRAL },
    ],
    clock,
  });

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, CENTRAL);
  });
  afterAll(() => federation.stop());

  const engagement = (overseenNode: string, extra: object = {}) => ({
    overseenNode,
    form: 'investigation',
    title: '全流程指导督导',
    windowStart: '2026-12-01',
    windowEnd: '2026-12-20',
    people: [{ name: '王某', post: '督导组组长' }],
    checklist: [
      'team_recusal.recusal',
      'team_recusal.team_composition',
      'planning_coverage.coverage_progress',
    ],
    ...extra,
  });

  /** Waits until `nodeId` holds the engagement and `until` holds of it. */
  const held = (nodeId: string, id: string, until: (e: any) => boolean = () => true) =>
    waitFor(`${nodeId} to hold engagement ${id}`, async () => {
      const { status, body } = await federation.http(nodeId, 'GET', `/oversight/engagements/${id}`);
      return status === 200 && until(body) ? body : undefined;
    });

  let centralsId = '';

  it('lets only an ancestor oversee: a peer or an ancestor as target is refused at the API, a peer’s forged engagement goes to a dead letter', async () => {
    for (const target of [CENTRAL, PEER]) {
      const { status, body } = await federation.http(
        PROVINCE,
        'POST',
        '/oversight/engagements',
        engagement(target),
      );
      expect(status).toBe(409);
      expect(body.error).toBe('NOT_A_DESCENDANT');
    }
    const forged: OversightEngagementOpenedV1 = {
      engagementId: uuidv7(),
      form: 'investigation',
      roundId: null,
      title: '冒充的督导',
      windowStart: '2026-12-01',
      windowEnd: '2026-12-20',
      people: [{ name: '某人', post: '某职' }],
      checklist: ['records.trail'],
    };
    const refused = await refusedBy(federation, {
      target: PROVINCE,
      issuer: PEER,
      type: OversightEngagementOpenedV1.type,
      payload: forged,
      issuedAt: clock.now(),
    });
    expect(refused.reasonCode).toBe('NOT_AUTHORIZED');
    expect(
      (await federation.http(PROVINCE, 'GET', `/oversight/engagements/${forged.engagementId}`))
        .status,
    ).toBe(404);

    // On-site follow-up names a live round of the overseen node: one it does not hold is refused
    // there, and the receipt marks central's engagement refused with the reason.
    const onSite = await federation.http(
      CENTRAL,
      'POST',
      '/oversight/engagements',
      engagement(PROVINCE, { form: 'on_site', roundId: uuidv7() }),
    );
    expect(onSite.status).toBe(201);
    const refusedHere = await held(CENTRAL, onSite.body.id, (e) => e.status === 'refused');
    expect(refusedHere.refusalReason).toMatch(/^NOT_FOUND: no round/);
  });

  it('grants central read access to the covered area during the window only, by the clock', async () => {
    const opened = await federation.http(
      CENTRAL,
      'POST',
      '/oversight/engagements',
      engagement(PROVINCE),
    );
    expect(opened.status).toBe(201);
    centralsId = opened.body.id;
    await held(PROVINCE, centralsId);
    expect(
      (
        await federation.http(
          PROVINCE,
          'POST',
          `/oversight/engagements/${centralsId}/acknowledge`,
          { acknowledgedBy: '河北省委巡视办' },
        )
      ).status,
    ).toBe(201);
    const grant = await federation.http(
      PROVINCE,
      'POST',
      `/oversight/engagements/${centralsId}/grant`,
      { areas: ['team_recusal'] },
    );
    expect(grant.status).toBe(201);
    await held(CENTRAL, centralsId, (e) => e.grantInForce && e.status === 'acknowledged');

    const read = await federation.http(
      CENTRAL,
      'GET',
      `/oversight/engagements/${centralsId}/areas/team_recusal`,
    );
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      overseenNode: PROVINCE,
      area: 'team_recusal',
      inspections: [],
    });
    const other = await federation.http(
      CENTRAL,
      'GET',
      `/oversight/engagements/${centralsId}/areas/planning_coverage`,
    );
    expect([other.status, other.body.error]).toEqual([403, 'AREA_NOT_GRANTED']);

    clock.advance(20 * DAY); // 2026-12-21: the window has ended
    const late = await federation.http(
      CENTRAL,
      'GET',
      `/oversight/engagements/${centralsId}/areas/team_recusal`,
    );
    expect([late.status, late.body.error]).toEqual([403, 'GRANT_EXPIRED']);
    clock.set(new Date('2026-12-01T02:00:00Z'));
  });

  it('closes with recommendations: the answered one closes at both ends, the unanswered one is overdue at both ends after its day', async () => {
    expect(
      (
        await federation.http(
          CENTRAL,
          'POST',
          `/oversight/engagements/${centralsId}/observations`,
          {
            item: 'team_recusal.recusal',
            text: '个别组员回避说明未归档',
          },
        )
      ).status,
    ).toBe(201);
    const closed = await federation.http(
      CENTRAL,
      'POST',
      `/oversight/engagements/${centralsId}/close`,
      {
        assessment: '总体规范，回避执行需加强',
        recommendations: [
          { item: 'team_recusal.recusal', text: '建立回避说明归档制度' },
          { item: 'team_recusal.team_composition', text: '充实巡视组力量' },
        ],
      },
    );
    expect(closed.status).toBe(201);
    const [answered, unanswered] = closed.body.recommendations;
    // 60 days (the policy's default) after 2026-12-01
    expect([answered.answerBy, unanswered.answerBy]).toEqual(['2027-01-30', '2027-01-30']);
    const atProvince = await held(
      PROVINCE,
      centralsId,
      (e) => e.status === 'closed' && e.recommendations.length === 2,
    );
    expect(atProvince.recommendations.map((r: any) => r.state)).toEqual(['open', 'open']);

    expect(
      (
        await federation.http(
          PROVINCE,
          'POST',
          `/oversight/recommendations/${answered.id}/answer`,
          {
            answeredBy: '河北省委巡视办',
            answer: '已建立回避说明归档制度',
          },
        )
      ).status,
    ).toBe(201);
    const states = async (nodeId: string) =>
      (
        await federation.http(nodeId, 'GET', `/oversight/engagements/${centralsId}`)
      ).body.recommendations.map((r: any) => r.state);
    await waitFor(
      'central to see the answer',
      async () => (await states(CENTRAL))[0] === 'answered',
    );
    expect(await states(PROVINCE)).toEqual(['answered', 'open']);

    clock.set(new Date('2027-01-31T02:00:00Z')); // past 2027-01-30
    expect(await states(CENTRAL)).toEqual(['answered', 'overdue']);
    expect(await states(PROVINCE)).toEqual(['answered', 'overdue']);
    const workbench = await federation.http(PROVINCE, 'GET', '/workbench');
    expect(workbench.body.items).toContainEqual(
      expect.objectContaining({
        kind: 'oversight.answer',
        subjectId: unanswered.id,
        level: 'overdue',
      }),
    );
    clock.set(new Date('2026-12-01T02:00:00Z'));
  });

  it("sends the figures up: 河北省's training of 石家庄市 (with who attended) reaches central's subtree", async () => {
    const training = await federation.http(
      PROVINCE,
      'POST',
      '/oversight/engagements',
      engagement(CITY, { form: 'training' }),
    );
    expect(training.status).toBe(201);
    expect(
      (
        await federation.http(
          PROVINCE,
          'POST',
          `/oversight/engagements/${training.body.id}/attendance`,
          {
            attendees: [
              { name: '李某', unit: '石家庄市委巡察办' },
              { name: '赵某', unit: '井陉县委巡察办' },
            ],
          },
        )
      ).status,
    ).toBe(201);
    await held(CITY, training.body.id);
    const figures = await waitFor('central to have 河北省’s figures', async () => {
      const { body } = await federation.http(CENTRAL, 'GET', '/oversight/figures');
      const province = body.children.find((c: any) => c.nodeId === PROVINCE);
      return province?.figures.engagementsOpen === 1 ? body : undefined;
    });
    expect(figures.own).toMatchObject({
      engagementsClosed: 1,
      recommendationsAnswered: 1,
      recommendationsOpen: 1,
    });
    expect(figures.subtree).toMatchObject({ engagementsOpen: 1, engagementsClosed: 1 });

    // 河北省's own on-site engagement of a round 石家庄市 does not hold: refused there, and the
    // figures 河北省 reports next no longer count it as open.
    const onSite = await federation.http(
      PROVINCE,
      'POST',
      '/oversight/engagements',
      engagement(CITY, { form: 'on_site', roundId: uuidv7() }),
    );
    expect(onSite.status).toBe(201);
    await held(PROVINCE, onSite.body.id, (e) => e.status === 'refused');
    await waitFor('河北省 to report the refused engagement as not open', async () => {
      const [last] = await federation
        .dataSource(PROVINCE)
        .query(
          `SELECT envelope FROM outbox WHERE event_type = 'oversight.reported.v1' ORDER BY id DESC LIMIT 1`,
        );
      return JSON.parse(last.envelope).payload.own.engagementsOpen === 1;
    });
    const detail = await federation.http(
      PROVINCE,
      'GET',
      `/oversight/engagements/${training.body.id}`,
    );
    expect(detail.body.attendees.map((a: any) => a.name)).toEqual(['李某', '赵某']);
    // 以干代训: 石家庄市 keeps the record of its own people who attended, by event.
    const atCity = await held(CITY, training.body.id, (e) => e.attendees.length === 2);
    expect(atCity.attendees.map((a: any) => [a.name, a.unit])).toEqual(
      detail.body.attendees.map((a: any) => [a.name, a.unit]),
    );
  });

  it("shows in each granted area how 河北省 ran its work — counts, dates and states, never a finding's text", async () => {
    const flow = new RectificationFederation(federation, clock);
    const organization = `河北省某厅党组${unique()}`;
    const code = await flow.organization(PROVINCE, organization);
    const team = await flow.team(PROVINCE, code);
    const title = `违规发放津贴${unique()}`;
    await flow.signedFinding(team, title);
    await flow.reportAndFeedback(PROVINCE, team);
    await flow.rectificationOf(PROVINCE, team.id);

    const areas = [
      'team_recusal',
      'evidence_dossier',
      'report_feedback',
      'referrals',
      'rectification_supervision',
      'records',
    ];
    const opened = await federation.http(CENTRAL, 'POST', '/oversight/engagements', {
      ...engagement(PROVINCE),
      checklist: [
        'team_recusal.recusal',
        'evidence_dossier.facts_evidence',
        'report_feedback.feedback',
        'referrals.clue_referral',
        'rectification_supervision.deadlines',
        'records.trail',
      ],
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    await held(PROVINCE, id);
    await federation.http(PROVINCE, 'POST', `/oversight/engagements/${id}/acknowledge`, {
      acknowledgedBy: '河北省委巡视办',
    });
    const grant = await federation.http(PROVINCE, 'POST', `/oversight/engagements/${id}/grant`, {
      areas,
    });
    expect(grant.status).toBe(201);
    await held(CENTRAL, id, (e) => e.grantInForce && e.grantedAreas?.length === areas.length);

    const reads: Record<string, any> = {};
    for (const area of areas) {
      const read = await federation.http(
        CENTRAL,
        'GET',
        `/oversight/engagements/${id}/areas/${area}`,
      );
      expect([area, read.status]).toEqual([area, 200]);
      reads[area] = read.body;
    }
    /** The row of `organization` in the area's first table, as column → cell. */
    const rowOf = (area: string) => {
      const [table] = reads[area].tables;
      const row = table.rows.find((r: string[]) => r[0] === organization);
      return row && Object.fromEntries(table.columns.map((c: string, i: number) => [c, row[i]]));
    };
    expect(rowOf('team_recusal')).toMatchObject({
      组长: expect.stringMatching(/^组长/),
      成员数: '1',
    });
    expect(rowOf('evidence_dossier')).toMatchObject({
      底稿数: '1',
      已签字: '1',
      附有证据材料: '1',
    });
    expect(rowOf('report_feedback')).toMatchObject({ 报告版本数: '1', 反馈日期: '2026-12-01' });
    expect(rowOf('rectification_supervision')).toMatchObject({
      问题数: '1',
      已销号: '0',
      日常监督记录: '0',
    });
    expect(reads.referrals.tables[0].columns).toContain('移交至');
    const records = reads.records.tables[0];
    expect(records.rows.map((r: string[]) => r[0])).toEqual(
      expect.arrayContaining(['问题底稿', '巡察', '整改']),
    );
    // Counts only: the finding's title and facts never leave 河北省 through a read.
    expect(JSON.stringify(reads)).not.toContain(title);
  });

  it('keeps files as evidence of an observation at the overseeing end: checked, hashed, each read audited', async () => {
    const opened = await federation.http(
      CENTRAL,
      'POST',
      '/oversight/engagements',
      engagement(CITY, {}),
    );
    // Central is an ancestor of 石家庄市 too; the engagement needs no acknowledgement to record on.
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    const observed = await federation.http(
      CENTRAL,
      'POST',
      `/oversight/engagements/${id}/observations`,
      {
        item: 'team_recusal.recusal',
        text: '回避说明登记表未按规定归档',
      },
    );
    expect(observed.status).toBe(201);
    const observationId = observed.body.id as string;
    const upload = async (node: string, observation: string, type: string, data: Buffer) => {
      const { url, token } = federation.node(node);
      const response = await fetch(
        `${url}/oversight/engagements/${id}/observations/${observation}/evidence?filename=${encodeURIComponent('../回避说明登记表.pdf')}`,
        {
          method: 'POST',
          headers: { 'content-type': type, authorization: `Bearer ${token}` },
          body: data,
        },
      );
      return { status: response.status, body: (await response.json()) as any };
    };
    const stored = () =>
      count(
        federation,
        CENTRAL,
        'SELECT 1 FROM oversight_observation_evidence WHERE observation_id = $1',
        [observationId],
      );

    const wrongType = await upload(CENTRAL, observationId, 'image/png', PDF);
    expect([wrongType.status, wrongType.body.error]).toEqual([400, 'BAD_EVIDENCE']);
    const noSuch = await upload(CENTRAL, uuidv7(), 'application/pdf', PDF);
    expect([noSuch.status, noSuch.body.error]).toEqual([404, 'OBSERVATION_NOT_FOUND']);
    expect(await stored()).toBe(0);

    const kept = await upload(CENTRAL, observationId, 'application/pdf', PDF);
    expect(kept.status).toBe(201);
    expect(kept.body).toMatchObject({
      filename: '回避说明登记表.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    expect(await stored()).toBe(1);
    const detail = await federation.http(CENTRAL, 'GET', `/oversight/engagements/${id}`);
    expect(detail.body.observations[0].evidence.map((e: any) => e.id)).toEqual([kept.body.id]);

    const { url, token } = federation.node(CENTRAL);
    const download = await fetch(`${url}/oversight/engagements/${id}/evidence/${kept.body.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    expect(
      await count(
        federation,
        CENTRAL,
        `SELECT 1 FROM audit_entry WHERE action = 'oversight.evidence_read' AND subject_id = $1`,
        [id],
      ),
    ).toBe(1);

    // The overseen end keeps no observations and takes no evidence.
    await held(CITY, id);
    const atCity = await upload(CITY, observationId, 'application/pdf', PDF);
    expect([atCity.status, atCity.body.error]).toEqual([409, 'NOT_OVERSEEING']);
  });
});
