import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { InProcessFederation } from '@liandong/local-federation';
import { SettableClock } from '@liandong/messaging';
import { QUESTIONNAIRE_V1 } from '@liandong/evaluation';
import { NODE_LAUNCHER } from '../src/launch';
import {
  buildConsole,
  CONSOLE_DIR,
  launchChromium,
  openTab,
  screenshot,
  signInAt,
} from './browser';
import { EvaluatePage, EvaluationOfficePage } from './console/pages/evaluation.page';
import { RectificationFederation } from './rectification/federation-helpers';
import { HEBEI_SAMPLE_TREE, waitForRegistrations } from './support';

const CENTRAL = '000000';
const PROVINCE = '130000';
const PASSWORD = 'a long test password';
const PHONE = { width: 375, height: 740 };

/**
 * 后评估 in Debian's Chromium: 河北省's office opens a round for its own team's inspection and
 * reads the codes to print; a cadre answers on a phone (375 px) without signing in, and the
 * same code is refused; once five answers are in, the office closes the round and sees the
 * aggregate, which the teams' page then lists.
 */
describe('post-evaluation in a browser', () => {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 2),
    env: { CONSOLE_DIR },
  });
  const build = new RectificationFederation(federation, new SettableClock(new Date()));
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let office = '';

  beforeAll(async () => {
    buildConsole();
    await federation.start();
    await waitForRegistrations(federation, CENTRAL);
    office = `office-${randomBytes(3).toString('hex')}`;
    const created = await federation.http(PROVINCE, 'POST', '/users', {
      username: office,
      displayName: '河北省委巡视办',
      password: PASSWORD,
      roles: ['inspection_office'],
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 300_000);
  afterAll(async () => {
    await closeBrowser?.();
    await federation.stop();
  });

  it('opens a round, is answered on a phone once per code, and shows the aggregate after closing', async () => {
    const team = await build.team(PROVINCE, await build.organization(PROVINCE, '河北省某厅党组'));
    await build.signedFinding(team, '执行中央八项规定精神不严格');
    await build.reportAndFeedback(PROVINCE, team);
    const url = federation.node(PROVINCE).url as string;

    const { context, page } = await openTab(browser);
    await signInAt(page, url, office, PASSWORD);
    const officePage = await new EvaluationOfficePage(page).open();
    await expect(officePage.state(team.id).innerText()).resolves.toBe('未发起');
    const codes = await officePage.openRound(team.id, 6);
    expect(codes).toHaveLength(6);
    for (const code of codes) expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await screenshot(page, 'evaluation-01-codes');
    await officePage.closeCodes();
    await expect(officePage.state(team.id).innerText()).resolves.toBe('评价中（已收 0/6 份）');

    // A cadre on a phone: no sign-in, the code from the slip.
    const phone = await openTab(browser, PHONE);
    const evaluate = await new EvaluatePage(phone.page).open(url);
    await screenshot(phone.page, 'evaluation-02-phone-code');
    await evaluate.start(codes[0].toLowerCase());
    await phone.page.locator('[data-test=question-eight_rules]').waitFor();
    await expect(
      phone.page.locator('[data-test=evaluate-organization]').innerText(),
    ).resolves.toContain('河北省某厅党组');
    // Submitting with items left open names them, in Chinese.
    await evaluate.submit();
    await expect(phone.page.locator('[data-test=evaluate-problem]').innerText()).resolves.toContain(
      '未作答',
    );
    for (const item of QUESTIONNAIRE_V1.items)
      await evaluate.choose(item.key, item.kind === 'rating' ? '5' : 'no');
    await phone.page.locator('textarea[data-test=evaluate-comment]').fill('巡察组作风扎实。');
    await screenshot(phone.page, 'evaluation-03-phone-form');
    // Big tap targets: each choice is as wide as the page and at least 44 px high.
    const box = await phone.page.locator('[data-test=choice-integrity-4]').boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(44);
    expect(box?.width).toBeGreaterThan(300);
    await evaluate.submit();
    await evaluate.done.waitFor();
    await screenshot(phone.page, 'evaluation-04-phone-done');

    // The same code again is refused, in Chinese.
    const again = await new EvaluatePage(phone.page).open(url);
    await again.start(codes[0]);
    const refused = phone.page.locator('[data-test=evaluate-code] .el-alert');
    await refused.waitFor();
    await expect(refused.innerText()).resolves.toContain('只能使用一次');
    await screenshot(phone.page, 'evaluation-05-phone-used');
    await phone.context.close();

    // Four more, to reach the minimum.
    for (const code of codes.slice(1, 5)) {
      const answered = await federation.httpAs(PROVINCE, undefined, 'POST', '/evaluation/answer', {
        code,
        choices: Object.fromEntries(
          QUESTIONNAIRE_V1.items.map((i) => [i.key, i.kind === 'rating' ? 4 : 'no']),
        ),
      });
      expect(answered.status).toBe(201);
    }
    await page.reload();
    await expect(officePage.state(team.id).innerText()).resolves.toBe('评价中（已收 5/6 份）');
    await officePage.closeRound(team.id);
    const items = page.locator('[data-test=evaluation-items]');
    await expect(items.innerText()).resolves.toContain('廉洁自律情况');
    await expect(items.innerText()).resolves.toContain('4.2');
    await expect(page.locator('[data-test=evaluation-comments]').innerText()).resolves.toContain(
      '巡察组作风扎实。',
    );
    await screenshot(page, 'evaluation-06-result');
    await page.keyboard.press('Escape');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'evaluation-07-office-narrow');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.locator('[data-test=menu-evaluation-teams]').click();
    await page.locator('[data-test=teams]').waitFor();
    await expect(page.locator('[data-test=teams]').innerText()).resolves.toMatch(/组长/);
    await page.locator('[data-test=teams] .el-table__expand-icon').first().click();
    await expect(page.locator('[data-test=teams]').innerText()).resolves.toContain(
      '河北省某厅党组',
    );
    await screenshot(page, 'evaluation-08-teams');
    await context.close();
  });
});
