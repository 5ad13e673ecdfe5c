import { NODE_LAUNCHER } from '../src/launch';
import type { Browser, Page } from 'playwright-core';
import { InProcessFederation } from '@liandong/local-federation';
import {
  buildConsole,
  CONSOLE_DIR,
  launchChromium,
  openTab,
  screenshot,
  signInAt,
} from './browser';
import { OidcProvider } from './oidc-provider';
import { HEBEI_SAMPLE_TREE, importOrganizations, waitFor, waitForRegistrations } from './support';

const [CENTRAL, CITY, JINGXING] = ['000000', '130100', '130121'];
/** The legend of the status tree, as the issue names it. */
const STATE_LABELS: Record<string, string> = {
  not_delivered: '未送达',
  delivered: '已送达',
  acknowledged: '已签收',
  relayed: '已转发',
  reported: '已报告',
  overdue: '逾期',
};

// Runs in the page (the DOM's types are not part of the node tests' compilation).
const BACKGROUND = (element: unknown) =>
  (globalThis as any).getComputedStyle(element).backgroundColor as string;

/** A day 30 days ahead as the date picker shows it (2027年1月1日). */
function pickerText(daysAhead: number): string {
  const day = new Date(Date.now() + daysAhead * 86_400_000 + 8 * 3_600_000);
  return `${day.getUTCFullYear()}年${day.getUTCMonth() + 1}月${day.getUTCDate()}日`;
}

async function pickDate(page: Page, name: string, daysAhead: number): Promise<void> {
  const input = page.locator(`input[data-test=${name}], [data-test=${name}] input`).first();
  await input.click();
  await input.fill(pickerText(daysAhead));
  await input.press('Enter');
}

/**
 * The console in Debian's Chromium against real nodes (each serving the built console):
 * central's office issues a subtree directive, 井陉县 acknowledges and reports, 石家庄市
 * relays, and central's tree shows every node's state in its colour; the coverage page
 * shows the API's numbers; a registry file with errors shows its row errors; a viewer is
 * offered no issue button; a wrong password shows the node's Chinese message.
 */
describe('the console in a browser', () => {
  // 石家庄市 also trusts an OpenID Connect provider (统一身份认证) for sign-in.
  const provider = new OidcProvider();
  let federation: InProcessFederation;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  const url = (nodeId: string) => federation.node(nodeId).url as string;
  /** Waits until a node holds the directive (the page then shows it once reloaded). */
  const received = (nodeId: string, title: string) =>
    waitFor(`the directive at ${nodeId}`, async () => {
      const { body } = await federation.http(nodeId, 'GET', '/directives?origin=received');
      return body.some((d: { title: string }) => d.title === title) || undefined;
    });
  const signIn = (page: Page, nodeId: string) =>
    signInAt(page, url(nodeId), 'clerk', federation.clerkPassword);

  beforeAll(async () => {
    buildConsole();
    await provider.start();
    federation = new InProcessFederation({
      launcher: NODE_LAUNCHER,
      tree: HEBEI_SAMPLE_TREE,
      env: { CONSOLE_DIR },
      nodeEnv: {
        [CITY]: {
          OIDC_ISSUER: provider.issuer,
          OIDC_JWKS_URL: `${provider.issuer}/jwks`,
          OIDC_AUDIENCE: 'liandong-130100',
          OIDC_AUTHORIZATION_URL: `${provider.issuer}/authorize`,
          OIDC_TOKEN_URL: `${provider.issuer}/token`,
        },
      },
    });
    await federation.start();
    await waitForRegistrations(federation, CENTRAL);
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 300_000);
  afterAll(async () => {
    await closeBrowser?.();
    await federation?.stop();
    await provider.stop();
  });

  it('serves the console at every node’s URL, and keeps the API’s routes', async () => {
    const root = await fetch(`${url(CITY)}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/console/');
    const deep = await fetch(`${url(CITY)}/console/directives/some-page`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('cache-control')).toBe('no-cache');
    const html = await deep.text();
    expect(html).toContain('<title>联动工作台</title>');
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1] as string;
    const asset = await fetch(`${url(CITY)}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    const missing = await fetch(`${url(CITY)}/console/assets/not-there.js`);
    expect(missing.status).toBe(404);
    const identity = await federation.httpAs(CITY, undefined, 'GET', '/federation/identity');
    expect(identity.body.name).toBe('石家庄市');
  });

  it('shows the node’s Chinese refusal for a wrong password', async () => {
    const direct = await federation.httpAs(CENTRAL, undefined, 'POST', '/auth/login', {
      username: 'clerk',
      password: 'not-the-password',
    });
    expect(direct.status).toBe(401);
    const { context, page } = await openTab(browser);
    await page.goto(`${url(CENTRAL)}/`);
    await expect(page.locator('[data-test=login-node]').innerText()).resolves.toContain('中央');
    await page.locator('input[data-test=username]').fill('clerk');
    await page.locator('input[data-test=password]').fill('not-the-password');
    await page.locator('[data-test=sign-in]').click();
    const shown = await page.locator('[data-test=login-error]').innerText();
    expect(shown.trim()).toBe(direct.body.message);
    expect(shown).toMatch(/[\u4e00-\u9fff]/);
    await screenshot(page, '01-login-wrong-password');
    await context.close();
  });

  it('carries a directive down the tree and shows every node’s state in its colour', async () => {
    const title = '关于开展新一轮巡察工作的部署（浏览器测试）';
    const central = await openTab(browser);
    await signIn(central.page, CENTRAL);
    await central.page.locator('[data-test=menu-directives]').click();
    await central.page.locator('[data-test=issue-directive]').click();
    await central.page.locator('input[data-test=title]').fill(title);
    await central.page
      .locator('textarea[data-test=body]')
      .fill('各地区要结合实际，制定本地区巡察工作计划。');
    await pickDate(central.page, 'due', 30);
    await screenshot(central.page, '02-central-issue-form');
    await central.page.locator('[data-test=submit]').click();
    await central.page.waitForURL(/\/console\/directives\/[0-9a-f-]{36}$/);
    const directiveId = central.page.url().split('/').pop() as string;
    await central.page.locator('[data-test=status-tree]').waitFor();

    // 井陉县: the to-do on the workbench, 签收, 报告落实情况.
    const county = await openTab(browser);
    await signIn(county.page, JINGXING);
    await received(JINGXING, title);
    await county.page.reload();
    await county.page.getByRole('link', { name: title }).waitFor();
    await screenshot(county.page, '03-county-workbench');
    await county.page.getByRole('link', { name: title }).first().click();
    await county.page.locator('[data-test=acknowledge]').click();
    await county.page.getByRole('button', { name: '签收', exact: true }).last().click();
    await county.page.locator('[data-test=report]').click();
    await county.page
      .locator('textarea[data-test=summary]')
      .fill('已制定本县巡察工作计划，正在落实。');
    await county.page.locator('[data-test=report-submit]').click();
    await expect(county.page.locator('[data-test=own-state]').innerText()).resolves.toBeDefined();
    await county.page.locator('[data-test=own-state][data-state=reported]').waitFor();
    await screenshot(county.page, '04-county-reported');

    // 石家庄市: 签收, then 转发 to its counties with its own requirements.
    const city = await openTab(browser);
    await signIn(city.page, CITY);
    await city.page.locator('[data-test=menu-directives]').click();
    await received(CITY, title);
    await city.page.reload();
    await city.page.getByRole('link', { name: title }).click();
    await city.page.locator('[data-test=acknowledge]').click();
    await city.page.getByRole('button', { name: '签收', exact: true }).last().click();
    await city.page.locator('[data-test=relay]').click();
    await city.page
      .locator('textarea[data-test=requirements]')
      .fill('各县要在一个月内完成巡察工作计划的制定。');
    await pickDate(city.page, 'relay-due', 20);
    await screenshot(city.page, '05-city-relay-form');
    await city.page.locator('[data-test=relay-submit]').click();
    await city.page.locator('[data-test=own-state][data-state=relayed]').waitFor();
    await city.page.locator('[data-test=status-tree]').waitFor();
    await screenshot(city.page, '06-city-relayed');

    // Back at central: the tree refreshes by itself; every node as the API says, in its colour.
    const tree = central.page.locator('[data-test=status-tree]');
    await tree
      .locator(`[data-node="${JINGXING}"][data-state=reported]`)
      .waitFor({ timeout: 60_000 });
    await tree.locator(`[data-node="${CITY}"][data-state=relayed]`).waitFor({ timeout: 60_000 });
    const status = await federation.http(CENTRAL, 'GET', `/directives/${directiveId}/status`);
    const legend = new Map<string, string>();
    for (const item of await central.page.locator('[data-test=legend] .legend-item').all()) {
      const label = (await item.innerText()).replace(/\s*\d+$/, '').trim();
      legend.set(label, await item.locator('i').evaluate(BACKGROUND));
    }
    expect(legend.size).toBe(6);
    expect(new Set(legend.values()).size).toBe(6);
    for (const node of status.body.nodes) {
      const shown = node.overdue && node.state !== 'reported' ? 'overdue' : node.state;
      const row = tree.locator(`[data-node="${node.nodeId}"]`);
      await expect(row.getAttribute('data-state')).resolves.toBe(shown);
      const tag = row.locator('[data-state]').last();
      await expect(tag.innerText()).resolves.toBe(STATE_LABELS[shown]);
      const colour = await tag.evaluate(BACKGROUND);
      expect(colour).toBe(legend.get(STATE_LABELS[shown]));
    }
    expect(status.body.nodes).toHaveLength(5);
    await screenshot(central.page, '07-central-status-tree');
    await Promise.all([central.context.close(), county.context.close(), city.context.close()]);
  });

  it('shows the coverage figures the API gives, and a registry file’s row errors', async () => {
    await importOrganizations(federation, JINGXING, [
      ['130121001', '井陉县南障城镇党委', '乡镇（街道）', '', '县级'],
      ['130121002', '井陉县教育局党组', '党政机关部门', '', '县级'],
      ['130121003', '井陉县南障城镇南障城村党支部', '村', '130121001', '县级'],
    ]);
    const { context, page } = await openTab(browser);
    await signIn(page, JINGXING);
    await page.locator('[data-test=menu-coverage]').click();
    const api = (await federation.http(JINGXING, 'GET', '/coverage')).body;
    await expect(page.locator('[data-test=own-organizations]').innerText()).resolves.toBe(
      String(api.own.organizations),
    );
    await expect(page.locator('[data-test=own-covered]').innerText()).resolves.toBe(
      String(api.own.covered),
    );
    await expect(page.locator('[data-test=own-rate]').innerText()).resolves.toBe(
      `${api.own.rate}%`,
    );
    await expect(page.locator('[data-test=forecast]').innerText()).resolves.toBe(
      api.own.forecast.label,
    );
    expect(api.own.organizations).toBe(3);
    await page.locator('[data-test=coverage-organizations] .el-table__row').first().waitFor();
    await expect(
      page.locator('[data-test=coverage-organizations] .el-table__row').count(),
    ).resolves.toBe(3);
    await screenshot(page, '08-county-coverage');

    await page.locator('[data-test=menu-registry]').click();
    const bad = [
      '代码,名称,类别,上级代码,干部管理层级',
      '130121004,井陉县卫健局党组,党政机关部门,,县级',
      '130121005,,村,,县级',
      '130121006,井陉县某村党支部,星球,,县级',
    ].join('\n');
    await page
      .locator('[data-test=registry-upload] input[type=file]')
      .setInputFiles({ name: '对象库.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    const problems = page.locator('[data-test=import-problems] .el-table__row');
    await problems.first().waitFor();
    const rows = await page
      .locator('[data-test=import-problems] .el-table__row td:first-child')
      .allInnerTexts();
    expect(rows).toEqual(['3', '4']);
    await expect(page.locator('[data-test=import-status]').innerText()).resolves.toBe(
      '未导入：文件有误',
    );
    await expect(page.locator('[data-test=registry-summary]').innerText()).resolves.toContain(
      '党组织 3 个',
    );
    await screenshot(page, '09-county-registry-errors');
    await context.close();
  });

  it('offers a viewer no directives and no issue button', async () => {
    const created = await federation.http(CENTRAL, 'POST', '/users', {
      username: 'viewer1',
      displayName: '统计员',
      password: 'viewer-password-1234',
      roles: ['viewer'],
    });
    expect(created.status).toBe(201);
    const { context, page } = await openTab(browser);
    await signInAt(page, url(CENTRAL), 'viewer1', 'viewer-password-1234');
    await expect(page.locator('[data-test=menu-coverage]').count()).resolves.toBe(1);
    await expect(page.locator('[data-test=menu-directives]').count()).resolves.toBe(0);
    await page.goto(`${url(CENTRAL)}/console/directives/new`);
    await page.waitForURL((address) => address.pathname === '/console/workbench');
    await expect(page.getByText('您的角色不能使用“下发部署”').count()).resolves.toBe(1);
    await expect(page.locator('[data-test=issue-directive]').count()).resolves.toBe(0);
    await screenshot(page, '10-viewer-workbench');
    await context.close();
  });

  it('signs in through the provider where one is configured, and offers it nowhere else', async () => {
    provider.signInAs({ preferred_username: 'zhaoliu', name: '赵六', liandong_roles: ['viewer'] });
    const { context, page } = await openTab(browser);
    await page.goto(`${url(CITY)}/`);
    await page.locator('[data-test=sign-in-provider]').click();
    await page.waitForURL((address) => address.pathname === '/console/workbench');
    await expect(page.locator('[data-test=user-menu]').innerText()).resolves.toContain('赵六');
    await expect(page.locator('[data-test=menu-coverage]').count()).resolves.toBe(1);
    await page.reload();
    await page.locator('[data-test=menu-coverage]').waitFor();
    expect(provider.redeemed).toBe(1);
    await screenshot(page, '11-city-signed-in-through-provider');
    await page.goto(`${url(CENTRAL)}/`);
    await page.locator('[data-test=login-node]').waitFor();
    await expect(page.locator('[data-test=sign-in-provider]').count()).resolves.toBe(0);
    const refused = await federation.httpAs(CENTRAL, undefined, 'POST', '/auth/oidc/token', {
      code: 'a-code',
      codeVerifier: 'v'.repeat(43),
      redirectUri: `${url(CENTRAL)}/console/login`,
    });
    expect(refused).toMatchObject({ status: 409, body: { error: 'OIDC_NOT_CONFIGURED' } });
    await context.close();
  });
});
