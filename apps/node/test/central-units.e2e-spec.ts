import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { NODE_LAUNCHER } from '../src/launch';
import {
  buildConsole,
  CONSOLE_DIR,
  launchChromium,
  openTab,
  screenshot,
  signInAt,
} from './browser';
import { InProcessFederation } from '@liandong/local-federation';
import { chinaDate, NodeSpec } from '@liandong/protocol';
import {
  count,
  craft,
  deadLetterFor,
  directivePayload,
  importOrganizations,
  inAMonth,
  publishEnvelope,
  waitFor,
  waitForRegistrations,
} from './support';

const CENTRAL = '000000';
const PROVINCE = '130000';
/** 中国石油天然气集团有限公司: a centrally managed enterprise (93xxxx). */
const ENTERPRISE = '930001';
/** 国家发展和改革委员会: a central ministry (91xxxx). */
const MINISTRY = '910001';
const DAY = 86_400_000;

const TREE: NodeSpec[] = [
  { nodeId: CENTRAL, name: '中央', tier: 'central', parentId: null },
  { nodeId: PROVINCE, name: '河北省', tier: 'provincial', parentId: CENTRAL },
  { nodeId: MINISTRY, name: '国家发展和改革委员会', tier: 'central_unit', parentId: CENTRAL },
  {
    nodeId: ENTERPRISE,
    name: '中国石油天然气集团有限公司',
    tier: 'central_unit',
    parentId: CENTRAL,
  },
];

/**
 * Central units (中央单位) on real nodes: a central ministry and a centrally managed
 * enterprise run their own internal inspection under central (一体两翼、条块结合). Central's
 * directives and oversight reach them; they direct no one, least of all a territory; their
 * registries' figures reach central in a branch of their own, apart from the territory's.
 */
describe('central units: a branch of the tree that is not a territory', () => {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: TREE,
    env: { CONSOLE_DIR },
  });

  beforeAll(async () => {
    buildConsole();
    await federation.start();
    await waitForRegistrations(federation, CENTRAL);
  }, 300_000);
  afterAll(() => federation.stop());

  it('is known by its kind: central lists it as a central unit, under central', async () => {
    const { body } = await federation.http<Array<Record<string, unknown>>>(
      CENTRAL,
      'GET',
      '/federation/nodes',
    );
    expect(body.find((n) => n.nodeId === ENTERPRISE)).toMatchObject({
      tier: 'central_unit',
      tierLabel: '中央单位',
      parentId: CENTRAL,
    });
  });

  it("receives central's subtree directive, acknowledges it and reports on it", async () => {
    const issued = await federation.http(CENTRAL, 'POST', '/directives', {
      title: '关于开展中央单位内部巡视的部署',
      body: '各中央单位党组（党委）要加强内部巡视。',
      scope: 'subtree',
      reportDueAt: inAMonth(),
      issuedBy: '中央巡视办 张三',
      policies: [],
    });
    expect(issued.status).toBe(201);
    const id = issued.body.id as string;
    for (const unit of [MINISTRY, ENTERPRISE]) {
      await waitFor(
        `${unit} to receive the directive`,
        async () => (await federation.http(unit, 'GET', `/directives/${id}`)).status === 200,
      );
      expect(
        (
          await federation.http(unit, 'POST', `/directives/${id}/acknowledge`, {
            acknowledgedBy: `${unit} 巡视办`,
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await federation.http(unit, 'POST', `/directives/${id}/report`, {
            reportedBy: `${unit} 巡视办`,
            summary: '已制定内部巡视规划。',
          })
        ).status,
      ).toBe(201);
    }
    const status = await waitFor('central to see both central units report', async () => {
      const { body } = await federation.http(CENTRAL, 'GET', `/directives/${id}/status`);
      return body.totals.reported === 2 ? body : undefined;
    });
    expect(status.totals).toMatchObject({ nodes: 3, received: 3, acknowledged: 2, reported: 2 });
    expect(status.nodes.find((n: { nodeId: string }) => n.nodeId === ENTERPRISE)).toMatchObject({
      tier: 'central_unit',
      tierLabel: '中央单位',
    });
  });

  it('directs no one: nothing to issue to at its node, and a directive it signs to a province is refused there', async () => {
    const refused = await federation.http(ENTERPRISE, 'POST', '/directives', {
      title: '中央单位向地方下令',
      body: '正文',
      scope: 'subtree',
      reportDueAt: inAMonth(),
      issuedBy: '某集团巡视办',
      policies: [],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('NO_RECIPIENTS');

    // Signed with its own, valid key, put straight on the province's subject: authentic, not its authority.
    const forged = craft(federation, {
      issuer: ENTERPRISE,
      audience: `node:${PROVINCE}`,
      seq: 1,
      payload: directivePayload('中央单位向省级下令'),
    });
    await publishEnvelope(federation, forged, ENTERPRISE);
    expect(await deadLetterFor(federation, PROVINCE, forged.id)).toMatchObject({
      reasonCode: 'NOT_AUTHORIZED',
    });
    expect(
      await count(federation, PROVINCE, `SELECT 1 FROM directive WHERE title = $1`, [
        '中央单位向省级下令',
      ]),
    ).toBe(0);

    // Nor does it oversee a territory (指导督导 is an ancestor's).
    const oversight = await federation.http(ENTERPRISE, 'POST', '/oversight/engagements', {
      overseenNode: PROVINCE,
      form: 'investigation',
      title: '中央单位督导省级',
      windowStart: chinaDate(new Date()),
      windowEnd: chinaDate(new Date(Date.now() + 10 * DAY)),
      people: [{ name: '李某', post: '巡视办主任' }],
      checklist: ['records.trail'],
    });
    expect(oversight.status).toBeGreaterThanOrEqual(400);
    expect(oversight.status).toBeLessThan(500);
    expect(await count(federation, ENTERPRISE, `SELECT 1 FROM oversight_engagement`)).toBe(0);
  });

  it('is overseen by central like a province is (指导督导 reaches it)', async () => {
    const opened = await federation.http(CENTRAL, 'POST', '/oversight/engagements', {
      overseenNode: ENTERPRISE,
      form: 'investigation',
      title: '对中国石油内部巡视工作开展调研督导',
      windowStart: chinaDate(new Date()),
      windowEnd: chinaDate(new Date(Date.now() + 20 * DAY)),
      people: [{ name: '王某', post: '中央巡视办督导组组长' }],
      checklist: ['records.trail'],
    });
    expect(opened.status).toBe(201);
    await waitFor(
      'the enterprise to receive the engagement',
      async () =>
        (await federation.http(ENTERPRISE, 'GET', `/oversight/engagements/${opened.body.id}`))
          .status === 200,
    );
  });

  it("keeps its registry's figures in its own branch at central, apart from the territory's", async () => {
    await importOrganizations(federation, PROVINCE, [
      ['130000-T01', '河北省发展和改革委员会党组', '党政机关部门', '', '省级'],
      ['130000-T02', '河北建设投资集团党委', '国有企业', '', '省级'],
    ]);
    await importOrganizations(federation, ENTERPRISE, [
      ['930001-U01', '集团公司办公室党支部', '机关内设机构', '', '中央'],
      ['930001-U02', '集团公司财务部党支部', '机关内设机构', '', '中央'],
      ['930001-U03', '大庆油田有限责任公司党委', '国有企业', '', '中央'],
    ]);
    await importOrganizations(federation, MINISTRY, [
      ['910001-U01', '国家发展改革委价格司党支部', '机关内设机构', '', '中央'],
    ]);

    const central = await waitFor("central's coverage to hold both branches", async () => {
      const { body } = await federation.http(CENTRAL, 'GET', '/coverage');
      const reported = (node: string) => body.children.some((c: any) => c.nodeId === node);
      return [PROVINCE, MINISTRY, ENTERPRISE].every(reported) &&
        body.centralUnits?.figures.organizations === 4
        ? body
        : undefined;
    });
    const ownOf = async (node: string) =>
      (await federation.http(node, 'GET', '/coverage')).body.own.organizations as number;
    // The territory's totals: central's own registry and the province's, nothing of the units.
    expect(central.subtree.organizations).toBe((await ownOf(CENTRAL)) + (await ownOf(PROVINCE)));
    expect(central.centralUnits).toMatchObject({
      units: 2,
      figures: { organizations: (await ownOf(MINISTRY)) + (await ownOf(ENTERPRISE)) },
    });
    expect(central.centralUnits.figures.byCategory).toContainEqual(
      expect.objectContaining({
        category: 'internal_unit',
        label: '机关内设机构',
        organizations: 3,
      }),
    );
    expect(
      central.subtree.byCategory.find((c: { category: string }) => c.category === 'internal_unit'),
    ).toBeUndefined();
    const branchOf = (node: string) =>
      central.children.find((c: { nodeId: string }) => c.nodeId === node)?.branch;
    expect([branchOf(PROVINCE), branchOf(ENTERPRISE), branchOf(MINISTRY)]).toEqual([
      'territorial',
      'central_unit',
      'central_unit',
    ]);
    // A central unit has no branch below it: its own coverage is its registry's only.
    const unit = (await federation.http(ENTERPRISE, 'GET', '/coverage')).body;
    expect(unit).toMatchObject({ centralUnits: null, children: [] });
    expect(unit.subtree.organizations).toBe(unit.own.organizations);
  });

  it("keeps a unit's accepted annual statistics in its branch at central, apart from the territory's", async () => {
    const year = Number(chinaDate(new Date()).slice(0, 4));
    const round = (node: string) =>
      federation.http(node, 'POST', '/rounds', {
        type: 'regular',
        theme: `${node}内部巡视第一轮`,
        windowStart: `${year}-01-10`,
        windowEnd: `${year}-03-10`,
      });
    expect((await round(ENTERPRISE)).status).toBe(201);
    expect((await round(PROVINCE)).status).toBe(201);
    for (const node of [ENTERPRISE, PROVINCE])
      expect((await federation.http(node, 'POST', `/statistics/${year}/submit`, {})).status).toBe(
        201,
      );
    const submitted = (node: string) =>
      waitFor(`central to hold ${node}'s statistics`, async () => {
        const { body } = await federation.http(CENTRAL, 'GET', `/statistics/${year}`);
        return body.children.find((c: any) => c.nodeId === node)?.state === 'submitted';
      });
    await submitted(ENTERPRISE);
    await submitted(PROVINCE);
    for (const node of [ENTERPRISE, PROVINCE])
      expect(
        (await federation.http(CENTRAL, 'POST', `/statistics/${year}/children/${node}/accept`, {}))
          .status,
      ).toBe(201);
    const { body } = await federation.http(CENTRAL, 'GET', `/statistics/${year}`);
    const rounds = (rows: Array<{ key: string; subtree: number }>) =>
      rows.find((r) => r.key === 'rounds.total')?.subtree;
    const ownRounds = body.figures.find((r: any) => r.key === 'rounds.total').own as number;
    // The territory: central's own rounds and the province's one; the unit's one apart.
    expect(rounds(body.figures)).toBe(ownRounds + 1);
    expect(rounds(body.centralUnits)).toBe(1);
    expect(body.children.find((c: any) => c.nodeId === ENTERPRISE)).toMatchObject({
      branch: 'central_unit',
      state: 'accepted',
    });
  });

  it('shows central its units apart on the coverage page, in a browser', async () => {
    const office = `office-${randomBytes(3).toString('hex')}`;
    const password = 'a long test password';
    const created = await federation.http(CENTRAL, 'POST', '/users', {
      username: office,
      displayName: '中央巡视办',
      password,
      roles: ['inspection_office'],
    });
    expect(created.status).toBe(201);
    // After the figures test above: both units have reported their registries.
    const api = (await federation.http(CENTRAL, 'GET', '/coverage')).body;
    expect(api.centralUnits?.units).toBe(2);
    let browser: Browser | undefined;
    let close: (() => Promise<void>) | undefined;
    try {
      ({ browser, close } = await launchChromium());
      const { page } = await openTab(browser);
      await signInAt(page, federation.node(CENTRAL).url as string, office, password);
      await page.locator('[data-test=menu-coverage]').click();
      const card = page.locator('[data-test=central-units]');
      await card.waitFor();
      await expect(card.locator('[data-test=central-units-total]').innerText()).resolves.toContain(
        `2 家单位 · 党组织 ${api.centralUnits.figures.organizations} 个`,
      );
      const rows = card.locator('.el-table__row');
      await expect(rows.count()).resolves.toBe(2);
      await expect(card.innerText()).resolves.toMatch(/中国石油天然气集团有限公司\s+中管企业/);
      await expect(card.innerText()).resolves.toMatch(/国家发展和改革委员会\s+中央部委/);
      // The territory's chart and table hold the province only.
      const territory = page.locator('[data-test=coverage-children] .el-table__row');
      await expect(territory.count()).resolves.toBe(1);
      await expect(territory.first().innerText()).resolves.toContain('河北省');
      await expect(page.locator('[data-test=subtree-organizations]').innerText()).resolves.toBe(
        String(api.subtree.organizations),
      );
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, 'central-units-coverage');
    } finally {
      await close?.();
    }
  });
});
