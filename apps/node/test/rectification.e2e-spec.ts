import { NODE_LAUNCHER } from '../src/launch';
import { SettableClock } from '@liandong/messaging';
import { ReferralMadeV1, uuidv7 } from '@liandong/protocol';
import { InProcessFederation } from '@liandong/local-federation';
import { HEBEI_SAMPLE_TREE, refusedBy, waitFor, waitForRegistrations } from './support';
import { RectificationFederation } from './rectification/federation-helpers';

const CITY = '130100';
const COUNTY = '130121';
const SIBLING = '130123';
const DAY = 86_400_000;

/**
 * What of rectification crosses nodes, on real nodes, PostgreSQL and NATS: a clue referred up
 * and answered, an escalated inspection's rectification at the organization's own node, the
 * figures in the coverage report, a referral off the line. The rules of one node are the
 * module tests' (libs/rectification/test); each test here builds its own data and moves the
 * shared clock only forward.
 */
describe('rectification across the federation', () => {
  const clock = new SettableClock(new Date('2026-11-20T02:00:00Z'));
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.filter((n) => n.nodeId !== '130125'),
    clock,
    env: { ALERT_SWEEP_MS: '100' },
  });
  const build = new RectificationFederation(federation, clock);

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, '000000');
  });
  afterAll(() => federation.stop());

  const REFERRAL_FIGURES = [
    'referralsSent',
    'referralsOpen',
    'referralsOverdue',
    'referralsDisposed',
  ];
  const RECTIFICATION_FIGURES = ['rectifications', 'rectificationsOverdue', 'items', 'itemsClosed'];

  /** The county's own figures (`keys` of them), once the city's coverage shows the same. */
  const figuresAtCity = (what: string, keys: string[], ready: (own: any) => boolean) =>
    waitFor(`the city to see ${what}`, async () => {
      const own = (await federation.http(COUNTY, 'GET', '/coverage')).body.ownOversight;
      const { body } = await federation.http(CITY, 'GET', '/coverage');
      const child = body.children.find((c: { nodeId: string }) => c.nodeId === COUNTY);
      const same = keys.every((key) => child?.ownOversight?.[key] === own[key]);
      return same && ready(own) ? own : undefined;
    });

  it('refers a clue up to the city’s discipline body, sealed to it; the county sees it open, overdue, then disposed', async () => {
    const team = await build.team(COUNTY, await build.organization(COUNTY, '井陉县某局党组'));
    const findingId = await build.signedFinding(team, '违规发放津贴补贴');
    const clue = '某局局长张某涉嫌违规决定发放补贴（市管干部）。';
    const sent = await federation.http(COUNTY, 'POST', `/findings/${findingId}/referrals`, {
      kind: 'clue',
      cadreTier: 'municipal',
      content: clue,
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ targetNode: CITY, body: 'discipline', sealed: true });
    const id = sent.body.id as string;
    const rows = await federation
      .dataSource(COUNTY)
      .query(`SELECT * FROM referral WHERE id = $1`, [id]);
    expect(JSON.stringify(rows)).not.toContain('张某');

    const discipline = await build.user(CITY, `jiwei${id.slice(-6)}`, ['receiving_body']);
    const received = await waitFor('the city to receive the clue', async () => {
      const { body } = await discipline('GET', '/referrals');
      return body.received.find((r: { id: string }) => r.id === id);
    });
    expect(received).toMatchObject({ fromNode: COUNTY, kind: 'clue', state: 'open' });
    // Opened only by the receiving body: the city's inspection office may not read it.
    expect((await federation.http(CITY, 'GET', `/referrals/${id}/content`)).status).toBe(403);
    expect((await discipline('GET', `/referrals/${id}/content`)).body).toMatchObject({
      body: 'discipline',
      text: clue,
    });

    const sentByCounty = async () =>
      ((await federation.http(COUNTY, 'GET', '/referrals')).body.sent as any[]).find(
        (r) => r.id === id,
      );
    clock.advance(16 * DAY); // unacknowledged past its 15 days
    expect((await sentByCounty()).state).toBe('overdue');
    expect((await discipline('POST', `/referrals/${id}/acknowledge`)).body.state).toBe(
      'acknowledged',
    );
    await waitFor('the county to hear the acknowledgement', async () => {
      const r = await sentByCounty();
      return r.state === 'acknowledged' && r.acknowledgedBy === discipline.username;
    });
    const disposition = { disposition: '已立案审查。' };
    expect((await discipline('POST', `/referrals/${id}/disposition`, disposition)).body.state).toBe(
      'disposed',
    );
    const disposed = await waitFor('the county to hear the disposition', async () => {
      const r = await sentByCounty();
      return r.state === 'disposed' ? r : undefined;
    });
    expect(disposed).toMatchObject({ disposition: '已立案审查。', stateLabel: '已处置' });
    await figuresAtCity(
      'the county’s referral figures',
      REFERRAL_FIGURES,
      (own) => own.referralsDisposed >= 1,
    );
  });

  it('opens an escalated inspection’s rectification at the organization’s own node, supervised by the escalating node until hand-back', async () => {
    const code = await build.organization(COUNTY, '井陉县某村党支部');
    const team = await build.team(CITY, code, COUNTY);
    await waitFor('the county to accept the escalation', async () => {
      const { body } = await federation.http(CITY, 'GET', `/inspections/${team.id}`);
      return body.status === 'planned';
    });
    const findingId = await build.signedFinding(team, '村级财务管理混乱');
    await build.reportAndFeedback(CITY, team);
    const atCounty = await build.rectificationOf(COUNTY, team.id);
    expect(atCounty).toMatchObject({
      conductingNode: CITY,
      mode: 'escalated',
      organizationCode: code,
      supervisedBy: CITY,
    });
    expect(atCounty.items).toEqual([
      expect.objectContaining({ findingId, basis: '《中国共产党纪律处分条例》' }),
    ]);
    const atCity = (await federation.http(CITY, 'GET', '/rectifications')).body as any[];
    expect(atCity.filter((r) => r.inspectionId === team.id)).toEqual([]);

    const handBack = await federation.http(CITY, 'POST', `/inspections/${team.id}/hand-back`, {
      notes: '移交整改监督',
    });
    expect(handBack.status).toBe(201);
    await waitFor('the county to supervise its own rectification', async () => {
      const { body } = await federation.http(COUNTY, 'GET', `/rectifications/${atCounty.id}`);
      return body.supervisedBy === 'self';
    });
  });

  it('sends the county’s rectification figures to the city in its coverage report: items closed, overdue', async () => {
    const team = await build.team(COUNTY, await build.organization(COUNTY, '井陉县某公司党委'));
    await build.signedFinding(team, '档案管理不规范');
    const before = await figuresAtCity('the county’s figures', RECTIFICATION_FIGURES, () => true);
    await build.reportAndFeedback(COUNTY, team);
    const rectification = await build.rectificationOf(COUNTY, team.id);
    const opened = await figuresAtCity(
      'the new rectification',
      RECTIFICATION_FIGURES,
      (own) => own.rectifications === before.rectifications + 1,
    );
    expect(opened.items).toBe(before.items + 1);

    const item = `/rectifications/${rectification.id}/items/${rectification.items[0].id}`;
    await federation.http(COUNTY, 'PUT', item, {
      responsiblePerson: '档案室主任赵某',
      unitHead: '总经理钱某',
      tasks: ['整理档案'],
    });
    expect(
      (await federation.http(COUNTY, 'POST', `${item}/close`, { proof: '档案目录' })).status,
    ).toBe(201);
    await figuresAtCity(
      'the closed item',
      RECTIFICATION_FIGURES,
      (own) => own.itemsClosed === before.itemsClosed + 1,
    );

    // Past the due day without a progress report: the county's sweep marks it overdue, the city sees it.
    clock.set(new Date(Date.parse(`${rectification.dueOn}T02:00:00Z`) + 2 * DAY));
    const overdue = await figuresAtCity(
      'the overdue rectification',
      RECTIFICATION_FIGURES,
      (own) => own.rectificationsOverdue >= 1,
    );
    expect(overdue.rectificationsOverdue).toBeGreaterThan(0);
    const alerts = (await federation.http(COUNTY, 'GET', `/rectifications/${rectification.id}`))
      .body.alerts as Array<{ level: string }>;
    expect(alerts.map((a) => a.level)).toContain('overdue');
  });

  it('refuses a referral from a node off the line, as a dead letter', async () => {
    const payload: ReferralMadeV1 = {
      referralId: uuidv7(),
      kind: 'recommendation',
      body: null,
      sealed: null,
      recommendation: { department: '某局', text: '伪造' },
      cadreTier: null,
      inspectionId: uuidv7(),
      findingId: uuidv7(),
      organizationName: '某单位',
      acknowledgeBy: new Date(clock.now().getTime() + DAY).toISOString(),
    };
    const letter = await refusedBy(federation, {
      target: COUNTY,
      issuer: SIBLING,
      type: ReferralMadeV1.type,
      payload,
      issuedAt: clock.now(),
    });
    expect(letter.reasonCode).toBe('NOT_AUTHORIZED');
    const stored = await federation
      .dataSource(COUNTY)
      .query(`SELECT 1 FROM referral WHERE id = $1`, [payload.referralId]);
    expect(stored).toEqual([]);
  });
});
