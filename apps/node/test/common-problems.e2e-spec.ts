import { SettableClock } from '@liandong/messaging';
import { InProcessFederation } from '@liandong/local-federation';
import { ProblemsReportedV1 } from '@liandong/protocol';
import { NODE_LAUNCHER } from '../src/launch';
import { RectificationFederation, Team } from './rectification/federation-helpers';
import { HEBEI_SAMPLE_TREE, refusedBy, waitFor, waitForRegistrations } from './support';

const CENTRAL = '000000';
const PROVINCE = '130000';
const CITY = '130100';
const JINGXING = '130121';
const ZHENGDING = '130123';

type Counts = { findings: number; organizations: number; nodes: number };
type Category = Counts & {
  category: string;
  label: string;
  own: Counts;
  children: Array<Counts & { nodeId: string; name: string }>;
};
type View = { catalogueVersion: number; hasChildren: boolean; categories: Category[] };

/**
 * 举一反三 on real nodes: findings carry a problem category; each node counts its signed
 * findings by category and sends the counts, never the findings, up to its parent; a city and
 * central see in how many nodes and organizations each category recurs.
 */
describe('common problems across a subtree', () => {
  const clock = new SettableClock(new Date('2026-12-01T02:00:00Z'));
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 5),
    clock,
  });
  const build = new RectificationFederation(federation, clock);

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, CENTRAL);
  });
  afterAll(() => federation.stop());

  const view = async (node: string): Promise<View> => {
    const { status, body } = await federation.http<View>(node, 'GET', '/common-problems');
    expect(status).toBe(200);
    return body;
  };

  /** The categories as `category: findings/organizations/nodes`, for a compact comparison. */
  const summary = (v: View) =>
    Object.fromEntries(
      v.categories.map((c) => [c.category, `${c.findings}/${c.organizations}/${c.nodes}`]),
    );

  /** Waits until `node`'s view reads `expected`. */
  const reads = (node: string, expected: Record<string, string>) =>
    waitFor(`${node} to count ${JSON.stringify(expected)}`, async () => {
      const v = await view(node);
      const sorted = (o: object) => JSON.stringify(Object.entries(o).sort());
      if (sorted(summary(v)) !== sorted(expected))
        throw new Error(`reads ${JSON.stringify(summary(v))}`);
      return v;
    });

  const TITLES: string[] = [];
  const ORGANIZATIONS: string[] = [];
  let withdrawable = '';

  const organization = async (node: string, name: string) => {
    ORGANIZATIONS.push(name);
    return build.organization(node, name);
  };
  const signed = async (team: Team, title: string, category?: string) => {
    TITLES.push(title);
    return build.signedFinding(team, title, category ? { category } : {});
  };

  it('takes a category by code or Chinese label on draft and revise, and shows it', async () => {
    const team = await build.team(JINGXING, await organization(JINGXING, '井陉县类别测试局'));
    const drafted = await team.member('POST', `/inspections/${team.id}/findings`, {
      title: '类别测试问题',
      facts: '类别测试事实。',
      category: '作风建设（含落实中央八项规定精神）',
    });
    expect(drafted.status).toBe(201);
    expect(drafted.body).toMatchObject({
      category: 'conduct',
      categoryLabel: '作风建设（含落实中央八项规定精神）',
    });
    const revised = await team.member('PATCH', `/findings/${drafted.body.id}`, {
      category: 'integrity',
    });
    expect(revised.status).toBe(200);
    expect(revised.body).toMatchObject({
      category: 'integrity',
      categoryLabel: '党风廉政建设与反腐败',
    });
    const cleared = await team.member('PATCH', `/findings/${drafted.body.id}`, { category: null });
    expect(cleared.body).toMatchObject({ category: null, categoryLabel: '未分类' });
    const wrong = await team.member('PATCH', `/findings/${drafted.body.id}`, {
      category: '不存在的类别',
    });
    expect(wrong.status).toBe(400);
    const none = await team.member('POST', `/inspections/${team.id}/findings`, {
      title: '未分类问题',
      facts: '未分类事实。',
    });
    expect(none.body).toMatchObject({ category: null, categoryLabel: '未分类' });
    // Drafts never count: nothing is signed yet.
    expect((await view(CITY)).categories).toEqual([]);
  });

  it('counts signed findings by category at the city and central: two counties with the same category make nodes 2', async () => {
    const jingxing = await build.team(JINGXING, await organization(JINGXING, '井陉县某某局'));
    await signed(jingxing, '井陉县违规发放津贴补贴', '作风建设（含落实中央八项规定精神）');
    await signed(jingxing, '井陉县超标准公务接待', 'conduct');
    await signed(jingxing, '井陉县会议记录不全');

    const zhengding = await build.team(ZHENGDING, await organization(ZHENGDING, '正定县某某公司'));
    await signed(zhengding, '正定县违规使用公车', 'conduct');
    withdrawable = await signed(zhengding, '正定县工程项目围标串标', 'integrity');
    // A draft never counts.
    await zhengding.member('POST', `/inspections/${zhengding.id}/findings`, {
      title: '正定县草稿问题',
      facts: '草稿事实。',
      category: 'political',
    });
    TITLES.push('正定县草稿问题');

    const city = await build.team(CITY, await organization(CITY, '石家庄市某某委员会'));
    await signed(city, '石家庄市违规选拔任用干部', 'cadre_selection');

    const expected = {
      conduct: '3/2/2',
      cadre_selection: '1/1/1',
      integrity: '1/1/1',
      other: '1/1/1',
    };
    const atCity = await reads(CITY, expected);
    expect(atCity.hasChildren).toBe(true);
    expect(atCity.catalogueVersion).toBe(1);
    // The category recurring in most nodes comes first.
    const conduct = atCity.categories[0];
    expect(conduct).toMatchObject({
      category: 'conduct',
      label: '作风建设（含落实中央八项规定精神）',
      own: { findings: 0, organizations: 0, nodes: 0 },
      children: [
        { nodeId: JINGXING, name: '井陉县', findings: 2, organizations: 1, nodes: 1 },
        { nodeId: ZHENGDING, name: '正定县', findings: 1, organizations: 1, nodes: 1 },
      ],
    });
    expect(atCity.categories.find((c) => c.category === 'other')?.label).toBe('其他/未分类');
    expect(atCity.categories.find((c) => c.category === 'cadre_selection')).toMatchObject({
      own: { findings: 1, organizations: 1, nodes: 1 },
      children: [],
    });

    const atCentral = await reads(CENTRAL, expected);
    expect(atCentral.categories[0].children).toEqual([
      { nodeId: PROVINCE, name: '河北省', findings: 3, organizations: 2, nodes: 2 },
    ]);
    await reads(PROVINCE, expected);
    // A county has no subtree: its own counts only.
    const county = await reads(JINGXING, { conduct: '2/1/1', other: '1/1/1' });
    expect(county.hasChildren).toBe(false);
  });

  it('drops a withdrawn finding out of the counts up the tree', async () => {
    const withdrawn = await federation.http(
      ZHENGDING,
      'POST',
      `/findings/${withdrawable}/withdraw`,
      {
        reason: '经核实不属实。',
      },
    );
    expect(withdrawn.status).toBe(201);
    const expected = { conduct: '3/2/2', cadre_selection: '1/1/1', other: '1/1/1' };
    await reads(CITY, expected);
    await reads(CENTRAL, expected);
  });

  it('sends counts only: no finding title, fact or organization name in any report that left a node', async () => {
    let payloads = 0;
    for (const node of [JINGXING, ZHENGDING, CITY, PROVINCE]) {
      const rows: Array<{ envelope: string }> = await federation
        .dataSource(node)
        .query(`SELECT envelope FROM outbox WHERE event_type = $1`, [ProblemsReportedV1.type]);
      expect(rows.length).toBeGreaterThan(0);
      for (const { envelope } of rows) {
        payloads += 1;
        const { payload } = JSON.parse(envelope) as { payload: ProblemsReportedV1 };
        expect(Object.keys(payload).sort()).toEqual(
          ['asOf', 'catalogueVersion', 'children', 'own', 'subtree'].sort(),
        );
        for (const text of [...TITLES, ...TITLES.map((t) => `${t}的事实。`), ...ORGANIZATIONS])
          expect(envelope).not.toContain(text);
        expect(envelope).not.toMatch(/E-[0-9a-f]{6}/); // no organization code either
      }
    }
    expect(payloads).toBeGreaterThanOrEqual(8);
    expect(TITLES.length).toBeGreaterThan(5);
  });

  it('refuses to a dead letter counts from a node that is not a direct child', async () => {
    const forged: ProblemsReportedV1 = {
      asOf: clock.now().toISOString(),
      catalogueVersion: 1,
      own: [{ category: 'political', findings: 99, organizations: 99, nodes: 1 }],
      subtree: [{ category: 'political', findings: 99, organizations: 99, nodes: 1 }],
      children: [],
    };
    // The county's next sequence number towards the province (it registered there), so that
    // the forgery is refused for who sent it, not for its place in the sequence.
    const [{ seq }]: Array<{ seq: string }> = await federation.dataSource(JINGXING).query(
      `INSERT INTO sequence_counter (audience, last_seq) VALUES ($1, 1)
         ON CONFLICT (audience) DO UPDATE SET last_seq = sequence_counter.last_seq + 1
         RETURNING last_seq AS seq`,
      [`node:${PROVINCE}`],
    );
    const refused = await refusedBy(federation, {
      target: PROVINCE,
      issuer: JINGXING,
      seq: Number(seq),
      type: ProblemsReportedV1.type,
      payload: forged,
      issuedAt: clock.now(),
    });
    expect(refused.reasonCode).toBe('NOT_AUTHORIZED');
    expect(summary(await view(PROVINCE))).toEqual({
      conduct: '3/2/2',
      cadre_selection: '1/1/1',
      other: '1/1/1',
    });
  });
});
