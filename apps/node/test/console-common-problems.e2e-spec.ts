import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { SettableClock } from '@liandong/messaging';
import { InProcessFederation } from '@liandong/local-federation';
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
import { CommonProblemsPage } from './console/pages/common-problems.page';
import { pickerText, RoundsPage } from './console/pages/rounds.page';
import { settled } from './console/pages/settled';
import { RectificationFederation } from './rectification/federation-helpers';
import { HEBEI_SAMPLE_TREE, waitFor, waitForRegistrations } from './support';

const CENTRAL = '000000';
const CITY = '130100';
const JINGXING = '130121';
const ZHENGDING = '130123';
const PASSWORD = 'a long test password';
const DAY = 86_400_000;

/**
 * 举一反三 in Debian's Chromium: 石家庄市's office sees which problem categories recur across
 * its counties (counts only), as a table and a chart, and opens a thematic round on the one
 * found in most of them from there.
 */
describe('common problems in a browser', () => {
  const clock = new SettableClock(new Date());
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 5),
    clock,
    env: { CONSOLE_DIR },
  });
  const build = new RectificationFederation(federation, clock);
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  const office = `office-${randomBytes(3).toString('hex')}`;
  const countyOffice = `county-${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    buildConsole();
    await federation.start();
    await waitForRegistrations(federation, CENTRAL);
    for (const [node, username, displayName] of [
      [CITY, office, '石家庄市委巡察办'],
      [JINGXING, countyOffice, '井陉县委巡察办'],
    ]) {
      const created = await federation.http(node, 'POST', '/users', {
        username,
        displayName,
        password: PASSWORD,
        roles: ['inspection_office'],
      });
      if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    }
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 300_000);
  afterAll(async () => {
    await closeBrowser?.();
    await federation.stop();
  });

  it('shows the categories recurring across the counties and opens a thematic round on one', async () => {
    const jingxing = await build.team(
      JINGXING,
      await build.organization(JINGXING, '井陉县住房和城乡建设局党组'),
    );
    await build.signedFinding(jingxing, '违规发放津贴补贴', { category: 'conduct' });
    await build.signedFinding(jingxing, '超标准公务接待', { category: 'conduct' });
    await build.signedFinding(jingxing, '会议记录不全');
    const zhengding = await build.team(
      ZHENGDING,
      await build.organization(ZHENGDING, '正定县交通运输局党组'),
    );
    await build.signedFinding(zhengding, '违规使用公务用车', { category: 'conduct' });
    await build.signedFinding(zhengding, '意识形态工作责任制落实不到位', {
      category: 'ideology',
    });
    const city = await build.team(CITY, await build.organization(CITY, '石家庄市某某局党组'));
    await build.signedFinding(city, '违规选拔任用干部', { category: 'cadre_selection' });
    await waitFor('石家庄市 to hold both counties’ counts', async () => {
      const { body } = await federation.http(CITY, 'GET', '/common-problems');
      return body.categories.length === 4 && body.categories[0].nodes === 2;
    });

    const { context, page } = await openTab(browser);
    await signInAt(page, federation.node(CITY).url as string, office, PASSWORD);
    const problems = await new CommonProblemsPage(page).open();
    // [category, nodes, organizations, findings, where], the one in most nodes first.
    expect(await problems.rows()).toEqual([
      ['作风建设（含落实中央八项规定精神）', '2', '2', '3', '井陉县 2个问题、正定县 1个问题'],
      ['选人用人', '1', '1', '1', '本级 1个问题'],
      ['意识形态', '1', '1', '1', '正定县 1个问题'],
      ['其他/未分类', '1', '1', '1', '井陉县 1个问题'],
    ]);
    expect(await problems.chartDrawn()).toBe(true);
    // Counts only: no finding's title or organization's name reaches this page.
    const shown = await page.locator('.page').innerText();
    for (const text of ['违规发放津贴补贴', '违规使用公务用车', '井陉县住房和城乡建设局党组'])
      expect(shown).not.toContain(text);
    await screenshot(page, 'common-problems-01-city');

    const dialog = await problems.thematicRound('conduct');
    await expect(
      dialog.locator('[data-test=round-type-thematic]').getAttribute('class'),
    ).resolves.toContain('is-active');
    const theme = dialog.locator('input[data-test=round-theme], [data-test=round-theme] input');
    await expect(theme.first().inputValue()).resolves.toBe(
      '作风建设（含落实中央八项规定精神）专项巡察',
    );
    await screenshot(page, 'common-problems-02-thematic-round');
    const now = clock.now().getTime();
    for (const [name, day] of [
      ['round-start', chinaDate(new Date(now + 10 * DAY))],
      ['round-end', chinaDate(new Date(now + 60 * DAY))],
    ] as const) {
      const input = dialog.locator(`input[data-test=${name}], [data-test=${name}] input`).first();
      await input.click();
      await input.fill(pickerText(day));
      await input.press('Enter');
    }
    await settled(page);
    const roundId = await new RoundsPage(page).createRound(dialog);
    const { body: round } = await federation.http(CITY, 'GET', `/rounds/${roundId}`);
    expect(round).toMatchObject({
      type: 'thematic',
      theme: '作风建设（含落实中央八项规定精神）专项巡察',
    });
    await context.close();

    // On a phone's width the table and chart still fit.
    const phone = await openTab(browser, { width: 390, height: 844 });
    await signInAt(phone.page, federation.node(CITY).url as string, office, PASSWORD);
    await phone.page.goto(`${federation.node(CITY).url}/console/common-problems`);
    await phone.page.locator('[data-test=common-problems]').waitFor();
    await screenshot(phone.page, 'common-problems-03-phone');
    await phone.context.close();
  });

  it('writes a special report on a recurring category to the province, which receives it', async () => {
    const { context, page } = await openTab(browser);
    await signInAt(page, federation.node(CITY).url as string, office, PASSWORD);
    const problems = await new CommonProblemsPage(page).open();
    await page.locator('[data-test=report-conduct]').click();
    const dialog = page.locator('[data-test=special-report-dialog]');
    await dialog.waitFor();
    await expect(
      dialog.locator('input[data-test=special-report-title]').inputValue(),
    ).resolves.toBe('关于作风建设（含落实中央八项规定精神）方面共性问题的专题报告');
    await dialog.locator('[data-test=special-report-addressee] .el-radio').nth(1).click();
    await dialog
      .locator('textarea[data-test=special-report-body]')
      .fill('两个县的巡察均发现违规发放津贴补贴问题，建议在全市开展专项治理。');
    await screenshot(page, 'common-problems-04-special-report');
    await dialog.locator('[data-test=special-report-submit]').click();
    await page.waitForURL((address) => address.pathname === '/console/special-reports');
    const written = page.locator('[data-test=special-reports-written] .el-table__row');
    await written.first().waitFor();
    await expect(written.first().innerText()).resolves.toContain('河北省巡视巡察机构');
    const received = await waitFor('河北省 to receive the special report', async () => {
      const { body } = await federation.http('130000', 'GET', '/special-reports');
      return body.received[0];
    });
    expect(received).toMatchObject({
      fromNode: CITY,
      title: '关于作风建设（含落实中央八项规定精神）方面共性问题的专题报告',
    });
    await screenshot(page, 'common-problems-05-special-reports');
    void problems;
    await context.close();
  });

  it('offers no 举一反三 at a county, which has no subtree', async () => {
    const { context, page } = await openTab(browser);
    await signInAt(page, federation.node(JINGXING).url as string, countyOffice, PASSWORD);
    await page.locator('[data-test=menu-coverage]').waitFor();
    await page.locator('[data-test=node-title]').waitFor();
    expect(await page.locator('[data-test=menu-common-problems]').count()).toBe(0);
    await context.close();
  });
});
