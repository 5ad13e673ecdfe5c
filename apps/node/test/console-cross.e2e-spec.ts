import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
import { CrossPage } from './console/pages/cross.page';
import { PersonnelPage } from './console/pages/personnel.page';
import { HEBEI_SAMPLE_TREE, importOrganizations, waitFor, waitForRegistrations } from './support';

const CITY = '130100';
const JINGXING = '130121';
const ZHENGDING = '130123';
const XINGTANG = '130125';
const COUNTIES = [JINGXING, ZHENGDING, XINGTANG];
const NAMES: Record<string, string> = {
  [CITY]: '石家庄市',
  [JINGXING]: '井陉县',
  [ZHENGDING]: '正定县',
  [XINGTANG]: '行唐县',
};
const PASSWORD = 'a long test password';
const DAY = 86_400_000;
/** Events travel between nodes: wait for them with a deadline, never a sleep. */
const TRAVEL = { timeoutMs: 60_000 };

/**
 * 交叉巡察 and 干部人才库 in Debian's Chromium: 石家庄市 over its three counties. The city's
 * office plans a rotation in the browser, sees it drawn as a ring, orders it; the inspected
 * county sees the grant with its visitor; two peers alone get the reason in Chinese; a person
 * is registered through the form; the city asks a county for a kind of person (no id typed),
 * and the county approves, picking whom it lends by name.
 */
describe('cross rotation and the personnel pool in a browser', () => {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 6),
    env: { CONSOLE_DIR },
  });
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  const offices: Record<string, string> = {};
  const tag = () => randomBytes(3).toString('hex');
  const url = (nodeId: string) => federation.node(nodeId).url as string;

  async function signedIn(nodeId: string): Promise<{ context: BrowserContext; page: Page }> {
    const tab = await openTab(browser);
    await signInAt(tab.page, url(nodeId), offices[nodeId], PASSWORD);
    return tab;
  }

  async function round(theme: string): Promise<string> {
    const now = Date.now();
    const { status, body } = await federation.http(CITY, 'POST', '/rounds', {
      type: 'regular',
      theme,
      windowStart: chinaDate(new Date(now + 10 * DAY)),
      windowEnd: chinaDate(new Date(now + 70 * DAY)),
    });
    if (status !== 201) throw new Error(JSON.stringify(body));
    return body.id;
  }

  beforeAll(async () => {
    buildConsole();
    await federation.start({ except: ['000000', '130000'] });
    await waitForRegistrations(federation, CITY);
    for (const nodeId of [CITY, ...COUNTIES]) {
      const username = `office-${tag()}`;
      const created = await federation.http(nodeId, 'POST', '/users', {
        username,
        displayName: `${NAMES[nodeId]}巡察办`,
        password: PASSWORD,
        roles: ['inspection_office'],
      });
      if (created.status !== 201) throw new Error(JSON.stringify(created.body));
      offices[nodeId] = username;
    }
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 300_000);
  afterAll(async () => {
    await closeBrowser?.();
    await federation.stop();
  });

  it('plans a rotation among the three counties, draws it as a ring, orders it, and the inspected county sees its visitor', async () => {
    const t = tag();
    const organizations: Record<string, { code: string; name: string }> = {};
    for (const county of COUNTIES) {
      organizations[county] = { code: `X-${t}-${county}`, name: `${NAMES[county]}某局党组${t}` };
      await importOrganizations(federation, county, [
        [organizations[county].code, organizations[county].name, '党政机关部门', '', '县级'],
      ]);
    }
    const theme = `第${t}轮交叉巡察`;
    await round(theme);

    const { context, page } = await signedIn(CITY);
    const cross = await new CrossPage(page).open();
    await cross.choosePeers(COUNTIES);
    await cross.chooseRound(theme);
    await cross.propose();
    await cross.ring.waitFor();
    const pairs = await cross.pairs();
    const names = COUNTIES.map((c) => NAMES[c]);
    // One visitor for each county, none inspecting itself, no pair inspecting each other.
    expect(pairs.map(([v]) => v).sort()).toEqual([...names].sort());
    expect(pairs.map(([, i]) => i).sort()).toEqual([...names].sort());
    for (const [v, i] of pairs) {
      expect(v).not.toBe(i);
      expect(pairs).not.toContainEqual([i, v]);
    }
    await expect(
      page.locator('[data-test=rotation-chart] canvas').count(),
    ).resolves.toBeGreaterThan(0);
    const code = (name: string) => COUNTIES.find((c) => NAMES[c] === name) as string;
    for (const [, inspected] of pairs) {
      const peer = code(inspected);
      await cross.pickOrganization(peer, t, organizations[peer].code);
    }
    await screenshot(page, 'cross-01-ring');
    await cross.order();
    // The list reloads with the round's three orders, each 已下达 (the peers answer by event).
    await cross.orderedRows(theme).nth(2).waitFor();
    await expect(cross.orderedRows(theme).count()).resolves.toBe(3);
    const states = await cross
      .orderedRows(theme)
      .locator('[data-test=order-state]')
      .allInnerTexts();
    expect(states.map((s) => s.trim())).toEqual(['已下达', '已下达', '已下达']);
    await screenshot(page, 'cross-02-ordered');
    await context.close();

    // At the county inspected by the first pair's visitor: the grant, with the visitor.
    const [visitor, inspected] = pairs[0];
    const at = code(inspected);
    const county = await signedIn(at);
    const peer = await new CrossPage(county.page).open();
    const row = peer.inspectedRows(organizations[at].name);
    await waitFor(
      `${inspected} to show the grant`,
      async () => {
        await peer.refresh();
        return (await row.count()) > 0;
      },
      TRAVEL,
    );
    const shown = await row.locator('[data-test=visitor]').innerText();
    // The visitor is a peer, off the county's line: named from its certificate.
    expect(shown.trim()).toBe(`${visitor}（${code(visitor)}）`);
    expect(await row.innerText()).toContain('石家庄市');
    await screenshot(county.page, 'cross-03-inspected-county');
    await county.context.close();
  });

  it('says in Chinese why two peers alone have no rotation', async () => {
    const theme = `第${tag()}轮交叉巡察（两县）`;
    await round(theme);
    const { context, page } = await signedIn(CITY);
    const cross = await new CrossPage(page).open();
    await cross.choosePeers([JINGXING, ZHENGDING]);
    await cross.chooseRound(theme);
    await cross.propose();
    await cross.reasons.waitFor();
    const reasons = await cross.reasons.innerText();
    expect(reasons).toContain('只有两个单位参与交叉，只能互查');
    expect(reasons).toContain('井陉县');
    await expect(cross.ring.count()).resolves.toBe(0);
    await screenshot(page, 'cross-04-no-rotation');
    await context.close();
  });

  it('registers a person in the pool through the form, each refused field shown beside it', async () => {
    const name = `王${tag()}`;
    const { context, page } = await signedIn(CITY);
    const pool = await new PersonnelPage(page).open();
    await pool.startAdding();
    await pool.save();
    await expect(pool.problemBeside('name').innerText()).resolves.toContain('不能为空');
    await expect(pool.problemBeside('homeUnitName').innerText()).resolves.toContain('不能为空');
    await screenshot(page, 'personnel-01-refused-fields');
    await page.locator('[data-test=person-name]').fill(name);
    await page.locator('[data-test=person-unit]').fill('石家庄市审计局');
    await page.locator('[data-test=add-post]').click();
    const post = pool.dialog.locator('.row').last();
    await post.locator('[data-test=post-unit]').fill('井陉县财政局');
    await post.locator('[data-test=post-code]').fill('130121-CZ');
    await post.locator('[data-test=post-title]').fill('副局长');
    await post.locator('.el-date-editor input').nth(0).fill('2019-01-01');
    await post.locator('.el-date-editor input').nth(1).fill('2023-12-31');
    await post.locator('.el-date-editor input').nth(1).press('Enter');
    await page.locator('[data-test=add-relation]').click();
    const relation = pool.dialog.locator('.row').last();
    await relation.locator('[data-test=relation-name]').fill('李某');
    await relation.locator('[data-test=relation-relation]').fill('配偶');
    await relation.locator('[data-test=relation-unit]').fill('井陉县财政局');
    await relation.locator('[data-test=relation-code]').fill('130121-CZ');
    // The problems of the fields now filled in are gone.
    await pool.problemBeside('name').waitFor({ state: 'detached' });
    await pool.problemBeside('homeUnitName').waitFor({ state: 'detached' });
    await screenshot(page, 'personnel-02-form');
    await pool.save();
    await pool.person(name).waitFor();
    await pool.person(name).click();
    const detail = page.locator('[data-test=person-detail]');
    await detail.locator('[data-test=relations]', { hasText: '井陉县财政局' }).waitFor();
    await detail.locator('[data-test=posts]', { hasText: '副局长' }).waitFor();
    await pool.drawerSettled();
    await screenshot(page, 'personnel-03-pool');
    const { body } = await federation.http(CITY, 'GET', '/personnel');
    expect(body.find((p: { name: string }) => p.name === name)).toMatchObject({
      homeUnitName: '石家庄市审计局',
      posts: [expect.objectContaining({ title: '副局长', from: '2019-01-01', to: '2023-12-31' })],
      relations: [expect.objectContaining({ name: '李某', relation: '配偶' })],
    });
    await context.close();
  });

  it('asks a county for a kind of person at the city; the county approves, picking the person by name; the city sees them named', async () => {
    const name = `赵${tag()}`;
    const { status } = await federation.http(JINGXING, 'POST', '/personnel', {
      name,
      sourceBody: 'audit',
      homeJurisdiction: JINGXING,
      homeUnitName: '井陉县审计局',
    });
    expect(status).toBe(201);
    const purpose = `上挂锻炼${tag()}`;
    const wanted = '审计干部 1 名，熟悉财务审计';

    const city = await signedIn(CITY);
    const pool = await new PersonnelPage(city.page).open();
    await pool.secondments();
    await city.page.locator('[data-test=request-secondment]').click();
    await city.page.locator('[data-test=lending-node]').click();
    await city.page.locator(`[data-test=lending-${JINGXING}]:visible`).click();
    const dialog = city.page.locator('[data-test=secondment-dialog]');
    await expect(dialog.innerText()).resolves.not.toContain('人员编号');
    await city.page.locator('[data-test=secondment-wanted-input]').fill(wanted);
    const today = Date.now();
    await dialog
      .locator('.el-range-input')
      .nth(0)
      .fill(chinaDate(new Date(today + 5 * DAY)));
    await dialog
      .locator('.el-range-input')
      .nth(1)
      .fill(chinaDate(new Date(today + 90 * DAY)));
    await dialog.locator('.el-range-input').nth(1).press('Enter');
    await city.page.locator('[data-test=secondment-purpose]').fill(purpose);
    await screenshot(city.page, 'personnel-04-request');
    await city.page.locator('[data-test=send-secondment]').click();
    const borrowed = pool.row('borrowed', purpose);
    await borrowed.waitFor();
    await expect(borrowed.innerText()).resolves.toContain('井陉县');
    await expect(borrowed.locator('[data-test=secondment-person]').innerText()).resolves.toBe(
      '待借出方选派',
    );
    await expect(borrowed.locator('[data-test=secondment-wanted]').innerText()).resolves.toContain(
      wanted,
    );

    const county = await signedIn(JINGXING);
    const lending = await new PersonnelPage(county.page).open();
    await lending.secondments();
    const lent = lending.row('lent', purpose);
    await waitFor(
      'the county to receive the request',
      async () => {
        await lending.refresh();
        return (await lent.count()) > 0;
      },
      TRAVEL,
    );
    await expect(lent.innerText()).resolves.toContain(wanted);
    await expect(lent.innerText()).resolves.toContain('石家庄市');
    await expect(lent.locator('[data-test=secondment-person]').innerText()).resolves.toBe(
      '待本级选派',
    );
    await screenshot(county.page, 'personnel-05-lent-request');
    await lent.locator('[data-test=approve]').click();
    const approving = lending.approveDialog;
    await approving.waitFor();
    await expect(approving.locator('[data-test=approve-wanted]').innerText()).resolves.toBe(wanted);
    // Approving without a person is refused by the form before anything is sent.
    await approving.locator('[data-test=confirm-approve]').click();
    await expect(approving.locator('[data-test=approve-problem]').innerText()).resolves.toContain(
      '请从本级干部人才库中选定借出的人员',
    );
    await lending.nominate(name);
    await expect(
      approving.locator('[data-test=nominee-description]').innerText(),
    ).resolves.toContain('井陉县审计局');
    await screenshot(county.page, 'personnel-06-approve-pick');
    await approving.locator('[data-test=confirm-approve]').click();
    await lent.locator('[data-test=secondment-state]', { hasText: '已同意' }).waitFor();
    await expect(lent.locator('[data-test=secondment-person]').innerText()).resolves.toBe(name);
    await expect(lent.locator('[data-test=approve]').count()).resolves.toBe(0);
    await county.context.close();

    await waitFor(
      'the city to hear the approval, with the person',
      async () => {
        await pool.refresh();
        const text = await borrowed.innerText();
        return text.includes('已同意') && text.includes(name);
      },
      TRAVEL,
    );
    await expect(borrowed.locator('[data-test=secondment-person]').innerText()).resolves.toBe(name);
    await screenshot(city.page, 'personnel-07-borrowed');
    // On a phone: opened afresh there, the menu folded, the row still there and named.
    await city.page.setViewportSize({ width: 390, height: 844 });
    await city.page.reload();
    await borrowed.locator('[data-test=secondment-person]', { hasText: name }).waitFor();
    await screenshot(city.page, 'personnel-08-borrowed-narrow');
    await city.context.close();
  });
});
