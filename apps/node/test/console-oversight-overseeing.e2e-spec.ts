import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { InProcessFederation } from '@liandong/local-federation';
import { SettableClock } from '@liandong/messaging';
import { chinaDate } from '@liandong/protocol';
import { NODE_LAUNCHER } from '../src/launch';
import {
  buildConsole,
  CONSOLE_DIR,
  launchChromium,
  openTab,
  screenshot,
  signInAt,
} from './browser';
import { OverseeingPage } from './console/pages/overseeing.page';
import { HEBEI_SAMPLE_TREE, importOrganizations, waitFor, waitForRegistrations } from './support';

const CENTRAL = '000000';
const PROVINCE = '130000';
const PASSWORD = 'a long test password';
const DAY = 86_400_000;

/**
 * 指导督导 from the overseeing side in Debian's Chromium: central's office opens an engagement
 * over 河北省 in the form (validated before it is sent), 河北省 acknowledges and grants by its
 * API, central reads the granted planning area as tables, records an observation on an item,
 * closes with an assessment and a recommendation, and its figures count them; once the window
 * has passed (the nodes' clock moved on), the read is refused with 河北省's Chinese message.
 */
describe('overseeing an engagement in a browser', () => {
  const clock = new SettableClock(new Date());
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 2),
    env: { CONSOLE_DIR },
    clock,
  });
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let office = '';
  const t = randomBytes(3).toString('hex');
  const organization = `河北省发展改革委${t}`;

  beforeAll(async () => {
    buildConsole();
    await federation.start();
    await waitForRegistrations(federation, CENTRAL);
    office = `office-${t}`;
    const created = await federation.http(CENTRAL, 'POST', '/users', {
      username: office,
      displayName: '中央巡视办',
      password: PASSWORD,
      roles: ['inspection_office'],
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    // Something for central to read at 河北省: a registry, a term, a round with an inspection.
    await importOrganizations(federation, PROVINCE, [
      [`P-${t}-1`, organization, '党政机关部门', '', '省级'],
      [`P-${t}-2`, `河北省教育厅${t}`, '党政机关部门', '', '省级'],
    ]);
    const today = chinaDate(clock.now());
    await federation.http(PROVINCE, 'POST', '/terms', {
      name: `本届${t}`,
      startsOn: `${today.slice(0, 4)}-01-01`,
    });
    const round = await federation.http(PROVINCE, 'POST', '/rounds', {
      type: 'regular',
      theme: `第${t}轮巡视`,
      windowStart: today,
      windowEnd: chinaDate(new Date(clock.now().getTime() + 60 * DAY)),
    });
    if (round.status !== 201) throw new Error(JSON.stringify(round.body));
    const inspection = await federation.http(
      PROVINCE,
      'POST',
      `/rounds/${round.body.id}/inspections`,
      { organizationCode: `P-${t}-1` },
    );
    if (inspection.status !== 201) throw new Error(JSON.stringify(inspection.body));
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 300_000);
  afterAll(async () => {
    await closeBrowser?.();
    await federation.stop();
  });

  /** At 1280 and 800 px, toasts gone, `focus` (a selector) scrolled into view. */
  async function bothWidths(page: Page, name: string, focus?: string): Promise<void> {
    await page.locator('.el-message').first().waitFor({ state: 'detached' });
    const shoot = async (width: string) => {
      if (focus) await page.locator(focus).first().scrollIntoViewIfNeeded();
      await screenshot(page, `${name}-${width}`);
    };
    await shoot('1280');
    await page.setViewportSize({ width: 800, height: 900 });
    await shoot('800');
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  it('opens, reads a granted area, observes, closes, and counts it', async () => {
    const now = clock.now().getTime();
    const { context, page } = await openTab(browser);
    await signInAt(page, federation.node(CENTRAL).url as string, office, PASSWORD);
    const oversight = await new OverseeingPage(page).list();

    // The form refuses to send what is missing, beside each field.
    const dialog = await oversight.startOpening();
    await dialog.locator('[data-test=open-submit]').click();
    await expect(oversight.problemBeside('被督导的下级').innerText()).resolves.toBe(
      '请选择被督导的下级',
    );
    await expect(oversight.problemBeside('督导清单').innerText()).resolves.toBe(
      '请至少勾选一项督导清单事项',
    );
    await bothWidths(page, 'oversight-overseeing-01-form-refused');

    await oversight.fill({
      overseenName: '河北省',
      form: 'investigation',
      title: '对河北省巡视工作开展全流程指导督导',
      windowStart: chinaDate(new Date(now)),
      windowEnd: chinaDate(new Date(now + 20 * DAY)),
      people: [
        { name: '王某', post: '中央巡视办督导组组长' },
        { name: '李某', post: '中央巡视办督导组成员' },
      ],
      areas: ['planning_coverage', 'team_recusal'],
    });
    await bothWidths(page, 'oversight-overseeing-02-form-filled');
    await expect(dialog.locator('.el-form-item__error').allInnerTexts()).resolves.toEqual([]);
    const id = await oversight.submit();
    await expect(oversight.status.innerText()).resolves.toBe('已发起（待签收）');
    await expect(page.locator('[data-test=waiting]').innerText()).resolves.toContain(
      '等待被督导方签收',
    );
    const held = await federation.http(CENTRAL, 'GET', `/oversight/engagements/${id}`);
    expect(held.body).toMatchObject({
      overseenNode: PROVINCE,
      form: 'investigation',
      people: [
        { name: '王某', post: '中央巡视办督导组组长' },
        { name: '李某', post: '中央巡视办督导组成员' },
      ],
      areas: ['planning_coverage', 'team_recusal'],
    });
    expect(held.body.checklist).toHaveLength(5);

    // 河北省 acknowledges and grants both areas through its API.
    await waitFor(
      '河北省 to receive the engagement',
      async () =>
        (await federation.http(PROVINCE, 'GET', `/oversight/engagements/${id}`)).status === 200,
    );
    const acknowledged = await federation.http(
      PROVINCE,
      'POST',
      `/oversight/engagements/${id}/acknowledge`,
      { acknowledgedBy: '河北省委巡视办' },
    );
    expect(acknowledged.status).toBe(201);
    const granted = await federation.http(PROVINCE, 'POST', `/oversight/engagements/${id}/grant`, {
      areas: ['planning_coverage', 'team_recusal'],
    });
    expect(granted.status).toBe(201);
    await waitFor(
      'central to hold the grant',
      async () =>
        (await federation.http(CENTRAL, 'GET', `/oversight/engagements/${id}`)).body
          .grantInForce === true,
    );

    await page.reload();
    await expect(oversight.status.innerText()).resolves.toBe('已签收');
    await oversight.read('巡察规划与全覆盖');
    const read = await oversight.readResult.innerText();
    expect(read).toContain(organization);
    expect(read).toContain('党组织');
    expect(read).toContain('2 个');
    expect(read).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await bothWidths(page, 'oversight-overseeing-03-area-read');

    await oversight.observe('team_recusal.recusal', '回避规定执行到位，但个别组员回避说明未归档');
    await oversight.attachEvidence('team_recusal.recusal', {
      name: '回避说明登记表.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\n回避说明登记表\n%%EOF\n'),
    });
    const kept = (await federation.http(CENTRAL, 'GET', `/oversight/engagements/${id}`)).body;
    expect(kept.observations[0].evidence.map((e: { filename: string }) => e.filename)).toEqual([
      '回避说明登记表.pdf',
    ]);
    await bothWidths(page, 'oversight-overseeing-03b-observed', '[data-test=checklist-table]');
    // The team area comes as the overseen node's own tables, in Chinese.
    await oversight.read('巡察组组建与回避');
    await expect(oversight.readResult.locator('h3').first().innerText()).resolves.toContain(
      '巡察组组建',
    );
    await expect(
      oversight.readResult.locator('[data-test=area-table-0] th').allInnerTexts(),
    ).resolves.toEqual(['巡察对象', '组长', '副组长', '成员数']);
    await oversight.close('河北省巡视工作总体规范，回避说明归档需加强', [
      { itemLabel: '回避规定的执行', text: '建立回避说明归档制度' },
    ]);
    await expect(oversight.status.innerText()).resolves.toBe('已结束');
    await expect(oversight.recommendations.innerText()).resolves.toContain('待答复');
    await expect(oversight.observations('team_recusal.recusal').innerText()).resolves.toContain(
      '个别组员回避说明未归档',
    );
    await bothWidths(page, 'oversight-overseeing-04-closed', '[data-test=recommendations]');
    await waitFor(
      '河北省 to hold the recommendation',
      async () =>
        (await federation.http(PROVINCE, 'GET', `/oversight/engagements/${id}`)).body
          .recommendations?.length === 1,
    );

    const figures = await oversight.figures();
    await expect(figures.locator('[data-test=own-engagements]').innerText()).resolves.toBe('1');
    await expect(figures.locator('[data-test=own-open]').innerText()).resolves.toBe('1');
    const byOverseen = (what: string) =>
      figures.locator(`[data-test=by-overseen-${what}-${PROVINCE}]`).innerText();
    await expect(byOverseen('name')).resolves.toBe('河北省');
    await expect(byOverseen('all')).resolves.toBe('1');
    await expect(byOverseen('engagementsClosed')).resolves.toBe('1');
    await expect(byOverseen('recommendationsOpen')).resolves.toBe('1');
    await expect(byOverseen('recommendationsAnswered')).resolves.toBe('0');
    // 河北省 conducts none of its own: it has reported nothing up.
    await expect(
      figures.locator('[data-test=by-child]').locator('tr', { hasText: '河北省' }).innerText(),
    ).resolves.toContain('尚未报送');
    await bothWidths(page, 'oversight-overseeing-05-figures');

    // Past the window the grant has lapsed: 河北省 refuses the read, and says why.
    clock.advance(25 * DAY);
    await signInAt(page, federation.node(CENTRAL).url as string, office, PASSWORD);
    await page.goto(`${federation.node(CENTRAL).url}/console/oversight/${id}`);
    await page.locator('[data-test=engagement-title]').waitFor();
    await expect(page.locator('[data-test=area-reader]').innerText()).resolves.toContain(
      '今天不在授权期内',
    );
    await oversight.read('巡察组组建与回避');
    await expect(oversight.readProblem.innerText()).resolves.toContain('不在期限内，不能查阅');
    await bothWidths(page, 'oversight-overseeing-06-read-refused', '[data-test=area-reader]');
    await context.close();
  });

  it("follows 河北省's linked round on site, picked by its theme", async () => {
    const now = clock.now().getTime();
    const theme = `乡村振兴专项巡视${t}`;
    const linked = await federation.http(CENTRAL, 'POST', '/rounds', {
      type: 'thematic',
      theme,
      windowStart: chinaDate(new Date(now)),
      windowEnd: chinaDate(new Date(now + 90 * DAY)),
      linkChildren: true,
    });
    expect(linked.status).toBe(201);
    const childRoundId: string = await waitFor('河北省 to open its linked round', async () => {
      const { body } = await federation.http(CENTRAL, 'GET', `/rounds/${linked.body.id}`);
      return (
        body.links?.find((l: { childNode: string }) => l.childNode === PROVINCE)?.childRoundId ??
        undefined
      );
    });

    const { context, page } = await openTab(browser);
    await signInAt(page, federation.node(CENTRAL).url as string, office, PASSWORD);
    const oversight = await new OverseeingPage(page).list();
    await oversight.startOpening();
    await oversight.fill({
      overseenName: '河北省',
      form: 'on_site',
      round: theme,
      title: '对河北省乡村振兴专项巡视开展现场跟进指导',
      windowStart: chinaDate(new Date(now)),
      windowEnd: chinaDate(new Date(now + 10 * DAY)),
      people: [{ name: '赵某', post: '中央巡视办督导组组长' }],
      areas: ['report_feedback'],
    });
    await bothWidths(page, 'oversight-overseeing-07-on-site-form', '[data-test=round]');
    const id = await oversight.submit();
    const held = await federation.http(CENTRAL, 'GET', `/oversight/engagements/${id}`);
    expect(held.body).toMatchObject({ form: 'on_site', roundId: childRoundId });
    await context.close();
  });

  it('records who attended a training engagement (以干代训)', async () => {
    const now = clock.now().getTime();
    const opened = await federation.http(CENTRAL, 'POST', '/oversight/engagements', {
      overseenNode: PROVINCE,
      form: 'training',
      title: '巡视工作专题培训辅导',
      windowStart: chinaDate(new Date(now)),
      windowEnd: chinaDate(new Date(now + 5 * DAY)),
      people: [{ name: '王某', post: '中央巡视办培训组组长' }],
      checklist: ['records.archive'],
    });
    expect(opened.status).toBe(201);
    const id: string = opened.body.id;

    const { context, page } = await openTab(browser);
    await signInAt(page, federation.node(CENTRAL).url as string, office, PASSWORD);
    await page.goto(`${federation.node(CENTRAL).url}/console/oversight/${id}`);
    await page.locator('[data-test=engagement-title]').waitFor();
    const oversight = new OverseeingPage(page);
    await oversight.attend([
      { name: '李某', unit: '石家庄市委巡察办' },
      { name: '孙某', unit: '保定市委巡察办' },
    ]);
    await expect(oversight.attendees.innerText()).resolves.toContain('保定市委巡察办');
    await bothWidths(page, 'oversight-overseeing-08-attendance', '[data-test=attendee-table]');
    const held = await federation.http(CENTRAL, 'GET', `/oversight/engagements/${id}`);
    expect(held.body.attendees.map((a: { name: string }) => a.name).sort()).toEqual(
      ['孙某', '李某'].sort(),
    );
    await context.close();
  });
});
