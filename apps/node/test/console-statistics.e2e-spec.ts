import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { InProcessFederation } from '@liandong/local-federation';
import { SystemClock } from '@liandong/messaging';
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
import { StatisticsPage } from './console/pages/statistics.page';
import { RectificationFederation } from './rectification/federation-helpers';
import { HEBEI_SAMPLE_TREE, importOrganizations, waitFor, waitForRegistrations } from './support';

const CENTRAL = '000000';
const PROVINCE = '130000';
const CITY = '130100';
const COUNTY = '130121';
/** 国家发展和改革委员会: a central unit (中央单位), its figures kept apart from the territory's. */
const MINISTRY = '910001';
const PASSWORD = 'a long test password';
const YEAR = Number(chinaDate(new Date()).slice(0, 4));

type Row = { key: string; own: number; subtree: number };
type View = {
  state: string;
  figures: Row[];
  centralUnits: Row[] | null;
  latest: { version: number; state: string } | null;
  children: Array<{
    nodeId: string;
    state: string;
    latest: { version: number } | null;
    subtree: Array<{ key: string; value: number }>;
  }>;
};

/** The whole page, taller than the screen: the console scrolls inside its main pane. */
async function wholePage(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const height = await page.evaluate(
    () => (globalThis as any).document.querySelector('.main').scrollHeight as number,
  );
  await page.setViewportSize({
    width: viewport.width,
    height: Math.max(viewport.height, height + 56),
  });
  await screenshot(page, name);
  await page.setViewportSize(viewport);
}

/**
 * 年度统计 in Debian's Chromium on central, 河北省, 石家庄市 and 井陉县: the county's office
 * submits in the browser; the city's office returns it with a reason; the county submits
 * again; the city accepts it in the browser, and the tags turn at both ends; the city's
 * totals on screen are the API's; a correction without a reason is refused beside the field.
 */
describe('annual statistics in a browser', () => {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: [
      ...HEBEI_SAMPLE_TREE.slice(0, 4),
      { nodeId: MINISTRY, name: '国家发展和改革委员会', tier: 'central_unit', parentId: CENTRAL },
    ],
    env: { CONSOLE_DIR },
  });
  const build = new RectificationFederation(federation, new SystemClock());
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  const tag = randomBytes(3).toString('hex');
  const users = { county: `county-${tag}`, city: `city-${tag}`, central: `central-${tag}` };

  const view = async (node: string): Promise<View> => {
    const { status, body } = await federation.http(node, 'GET', `/statistics/${YEAR}`);
    expect(status).toBe(200);
    return body as View;
  };
  const subtree = (v: View, key: string) => v.figures.find((r) => r.key === key)?.subtree;
  const child = (v: View) => v.children.find((c) => c.nodeId === COUNTY);
  const atCity = (version: number, state: string) =>
    waitFor(`the city to hold the county's v${version} ${state}`, async () => {
      const c = child(await view(CITY));
      return c?.latest?.version === version && c.state === state ? c : undefined;
    });
  const atCounty = (state: string) =>
    waitFor(`the county's report to be ${state}`, async () => (await view(COUNTY)).state === state);
  const signedIn = async (node: string, username: string, width = 1280): Promise<Page> => {
    const { page } = await openTab(browser, { width, height: 800 });
    await signInAt(page, federation.node(node).url as string, username, PASSWORD);
    return page;
  };

  beforeAll(async () => {
    buildConsole();
    await federation.start();
    await waitForRegistrations(federation, CENTRAL);
    for (const [node, username, displayName] of [
      [COUNTY, users.county, '井陉县委巡察办'],
      [CITY, users.city, '石家庄市委巡察办'],
      [CENTRAL, users.central, '中央巡视办'],
    ]) {
      const created = await federation.http(node, 'POST', '/users', {
        username,
        displayName,
        password: PASSWORD,
        roles: ['inspection_office'],
      });
      if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    }
    // The county's records of the year: a village inspected through to feedback, one signed
    // finding; the city runs a round of its own.
    const code = `S-${tag}`;
    await importOrganizations(federation, COUNTY, [[code, '井陉县某村党支部', '村', '', '县级']]);
    const team = await build.team(COUNTY, code);
    await build.signedFinding(team, '村级财务管理不规范');
    await build.reportAndFeedback(COUNTY, team);
    await build.team(CITY, await build.organization(CITY, '石家庄市某局党组'));
    await build.team(MINISTRY, await build.organization(MINISTRY, '某司党支部'));
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 300_000);
  afterAll(async () => {
    await closeBrowser?.();
    await federation.stop();
  });

  it('submits, returns with a reason, resubmits and accepts, the tags turning at both ends', async () => {
    const county = await waitFor('the county to count its inspection', async () => {
      const v = await view(COUNTY);
      return v.figures.find((r) => r.key === 'inspected.total')?.own === 1 ? v : undefined;
    });
    expect(county.state).toBe('not_submitted');

    // 井陉县 submits in the browser.
    const countyPage = new StatisticsPage(await signedIn(COUNTY, users.county)).open();
    const atTheCounty = await countyPage;
    await expect(atTheCounty.ownState.innerText()).resolves.toBe('未报送');
    await expect(atTheCounty.figure('own', 'inspected.total').innerText()).resolves.toBe('1');
    await expect(atTheCounty.figure('own', 'findings.signed').innerText()).resolves.toBe('1');
    await wholePage(atTheCounty.page, 'statistics-01-county-draft');
    await atTheCounty.submit(undefined, 'submitted');
    await expect(atTheCounty.ownState.innerText()).resolves.toBe('已报送待审核');
    await atCity(1, 'submitted');

    // 石家庄市 returns it, a reason required.
    const city = await new StatisticsPage(await signedIn(CITY, users.city)).open();
    await expect(city.childState(COUNTY).innerText()).resolves.toBe('已报送待审核');
    await expect(city.childVersion(COUNTY).innerText()).resolves.toContain('第1版');
    await wholePage(city.page, 'statistics-02-city-submitted');
    const dialog = await city.openReturn(COUNTY);
    await dialog.locator('[data-test=return-confirm]').click();
    await expect(dialog.locator('.el-form-item__error').innerText()).resolves.toBe(
      '请填写退回理由',
    );
    await dialog
      .locator('textarea[data-test=return-reason]')
      .fill('提级巡察数与市里掌握的不一致，请核实');
    await screenshot(city.page, 'statistics-03-return-dialog');
    await dialog.locator('[data-test=return-confirm]').click();
    await city.page.locator(`[data-test=child-state-${COUNTY}][data-state=returned]`).waitFor();
    await expect(city.childState(COUNTY).innerText()).resolves.toBe('已退回');
    await expect(city.page.locator('[data-test=children-table]').innerText()).resolves.toContain(
      '退回理由：提级巡察数与市里掌握的不一致，请核实',
    );

    // The county sees why, and submits again (by its API).
    await atCounty('returned');
    await atTheCounty.reload();
    await expect(atTheCounty.ownState.innerText()).resolves.toBe('已退回');
    await expect(atTheCounty.page.locator('[data-test=returned]').innerText()).resolves.toContain(
      '提级巡察数与市里掌握的不一致',
    );
    await wholePage(atTheCounty.page, 'statistics-04-county-returned');
    const again = await federation.http(COUNTY, 'POST', `/statistics/${YEAR}/submit`, {});
    expect(again.status).toBe(201);
    expect(again.body.latest.version).toBe(2);
    await atCity(2, 'submitted');

    // 石家庄市 accepts version 2: it counts in the city's totals.
    await city.waitForChildState(COUNTY, 'submitted');
    await expect(city.childVersion(COUNTY).innerText()).resolves.toContain('第2版');
    const before = Number(await city.figure('subtree', 'inspected.total').innerText());
    await city.accept(COUNTY);
    await expect(city.childState(COUNTY).innerText()).resolves.toBe('已审核通过');
    const api = await view(CITY);
    expect(child(api)?.state).toBe('accepted');
    const shown = Number(await city.figure('subtree', 'inspected.total').innerText());
    expect(shown).toBe(subtree(api, 'inspected.total'));
    expect(shown).toBe(before + 1);
    for (const key of ['rounds.total', 'findings.signed'])
      expect(Number(await city.figure('subtree', key).innerText())).toBe(subtree(api, key));
    expect(Number(await city.childInspected(COUNTY).innerText())).toBe(
      child(api)?.subtree.find((f) => f.key === 'inspected.total')?.value,
    );
    await wholePage(city.page, 'statistics-05-city-accepted');

    // The city's own report goes up and 河北省 accepts it (by their API).
    expect((await federation.http(CITY, 'POST', `/statistics/${YEAR}/submit`, {})).status).toBe(
      201,
    );
    await waitFor('河北省 to hold the city’s report', async () => {
      const { body } = await federation.http(PROVINCE, 'GET', `/statistics/${YEAR}`);
      return (
        body.children.find((c: { nodeId: string }) => c.nodeId === CITY)?.state === 'submitted'
      );
    });
    expect(
      (await federation.http(PROVINCE, 'POST', `/statistics/${YEAR}/children/${CITY}/accept`))
        .status,
    ).toBe(201);
    await waitFor(
      'the city’s report to be accepted',
      async () => (await view(CITY)).state === 'accepted',
    );

    // The county's report is locked: a correction without a reason is refused beside the field.
    await atCounty('accepted');
    await atTheCounty.reload();
    await expect(atTheCounty.ownState.innerText()).resolves.toBe('已审核通过');
    const correction = await atTheCounty.openSubmit();
    await correction.locator('[data-test=submit-confirm]').click();
    await expect(correction.locator('.el-form-item__error').innerText()).resolves.toContain(
      '请填写更正原因',
    );
    await screenshot(atTheCounty.page, 'statistics-06-county-correction-refused');
    expect((await view(COUNTY)).latest?.version).toBe(2);
    await correction.locator('textarea[data-test=submit-reason]').fill('补报一个社区党组织的巡察');
    await correction.locator('[data-test=submit-confirm]').click();
    await atTheCounty.page.locator('[data-test=own-state][data-state=corrected]').waitFor();
    await atCity(3, 'corrected');
    await city.waitForChildState(COUNTY, 'corrected');
    await expect(city.childState(COUNTY).innerText()).resolves.toBe('更正待审核');

    // Accepting the correction leaves the city's accepted report stale: the page says what to do.
    await city.accept(COUNTY);
    await city.page.locator('[data-test=stale]').waitFor();
    await expect(city.page.locator('[data-test=stale]').innerText()).resolves.toContain('重新报送');
    await expect(city.page.locator('[data-test=submit]').innerText()).resolves.toBe(
      '重新报送（更正）',
    );
    await wholePage(city.page, 'statistics-06b-city-stale');
  });

  it('is readable at 800 px, and central only sums', async () => {
    const narrow = await new StatisticsPage(await signedIn(CITY, users.city, 800)).goto();
    await narrow.page.locator('[data-test=tiers-chart] canvas').waitFor();
    await wholePage(narrow.page, 'statistics-07-city-800');

    // 河北省's report is accepted at central by API; the ministry's in the browser.
    expect((await federation.http(PROVINCE, 'POST', `/statistics/${YEAR}/submit`, {})).status).toBe(
      201,
    );
    expect((await federation.http(MINISTRY, 'POST', `/statistics/${YEAR}/submit`, {})).status).toBe(
      201,
    );
    await waitFor('central to hold both reports', async () => {
      const { children } = await view(CENTRAL);
      return children.filter((c) => c.state === 'submitted').length === 2;
    });
    expect(
      (await federation.http(CENTRAL, 'POST', `/statistics/${YEAR}/children/${PROVINCE}/accept`))
        .status,
    ).toBe(201);

    const central = await new StatisticsPage(await signedIn(CENTRAL, users.central)).open();
    await expect(central.ownState.innerText()).resolves.toContain('全国汇总');
    await expect(central.page.locator('[data-test=submit]').count()).resolves.toBe(0);
    await expect(central.childState(PROVINCE).innerText()).resolves.toBe('已审核通过');
    const units = central.page.locator('[data-test=central-units]');
    await expect(units.innerText()).resolves.toContain('中央单位（单列统计）');
    await expect(units.locator(`[data-test=child-state-${MINISTRY}]`).innerText()).resolves.toBe(
      '已报送待审核',
    );
    await central.accept(MINISTRY);
    const api = await view(CENTRAL);
    for (const key of ['inspected.total', 'rounds.total', 'findings.signed'])
      expect(Number(await central.figure('subtree', key).innerText())).toBe(subtree(api, key));
    // The territory's rounds (city 1, county 1) without the ministry's; the ministry's apart.
    expect(subtree(api, 'rounds.total')).toBe(2);
    expect(api.centralUnits?.find((r) => r.key === 'rounds.total')?.subtree).toBe(1);
    await expect(
      central.page.locator('[data-test="central-figures-subtree-rounds.total"]').innerText(),
    ).resolves.toBe('1');
    await wholePage(central.page, 'statistics-08-central');
  });
});
