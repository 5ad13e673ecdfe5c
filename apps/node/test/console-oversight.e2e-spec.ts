import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
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
import { EngagementPage } from './console/pages/engagement.page';
import { HEBEI_SAMPLE_TREE, waitFor, waitForRegistrations } from './support';

const CENTRAL = '000000';
const PROVINCE = '130000';
const PASSWORD = 'a long test password';
const DAY = 86_400_000;

/**
 * 指导督导 in Debian's Chromium: central opens an engagement over 河北省 (by its API); 河北省's
 * office finds it in the menu, acknowledges it, grants one of the two areas its checklist
 * covers, and answers a recommendation, which central then holds as answered.
 */
describe('oversight engagements in a browser', () => {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 2),
    env: { CONSOLE_DIR },
  });
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

  it('acknowledges, grants one area and answers a recommendation at the overseen node', async () => {
    const now = Date.now();
    const opened = await federation.http(CENTRAL, 'POST', '/oversight/engagements', {
      overseenNode: PROVINCE,
      form: 'investigation',
      title: '对河北省巡视工作开展全流程指导督导',
      windowStart: chinaDate(new Date(now)),
      windowEnd: chinaDate(new Date(now + 20 * DAY)),
      people: [{ name: '王某', post: '中央巡视办督导组组长' }],
      checklist: ['team_recusal.recusal', 'records.trail'],
    });
    expect(opened.status).toBe(201);
    const id: string = opened.body.id;
    await waitFor(
      '河北省 to receive the engagement',
      async () =>
        (await federation.http(PROVINCE, 'GET', `/oversight/engagements/${id}`)).status === 200,
    );

    const { context, page } = await openTab(browser);
    await signInAt(page, federation.node(PROVINCE).url as string, office, PASSWORD);
    const engagement = await new EngagementPage(page).open(id);
    await expect(engagement.status.innerText()).resolves.toBe('已发起（待签收）');
    await engagement.acknowledge();
    await expect(engagement.status.innerText()).resolves.toBe('已签收');
    await engagement.grantOnly(['team_recusal'], ['team_recusal', 'records']);
    await expect(engagement.grant.innerText()).resolves.toContain('巡察组组建与回避');
    await expect(engagement.grant.innerText()).resolves.not.toContain('档案与留痕');
    await screenshot(page, 'oversight-01-granted');
    await waitFor(
      'central to hold the grant',
      async () =>
        (await federation.http(CENTRAL, 'GET', `/oversight/engagements/${id}`)).body
          .grantInForce === true,
    );
    const read = await federation.http(
      CENTRAL,
      'GET',
      `/oversight/engagements/${id}/areas/team_recusal`,
    );
    expect(read.status).toBe(200);

    const closed = await federation.http(CENTRAL, 'POST', `/oversight/engagements/${id}/close`, {
      assessment: '总体规范，回避执行需加强',
      recommendations: [{ item: 'team_recusal.recusal', text: '建立回避说明归档制度' }],
    });
    expect(closed.status).toBe(201);
    const recommendationId: string = closed.body.recommendations[0].id;
    await waitFor(
      '河北省 to hold the recommendation',
      async () =>
        (await federation.http(PROVINCE, 'GET', `/oversight/engagements/${id}`)).body
          .recommendations.length === 1,
    );
    await page.reload();
    await expect(engagement.state(recommendationId).innerText()).resolves.toBe('待答复');
    await engagement.answer(recommendationId, '已建立回避说明归档制度并执行');
    await screenshot(page, 'oversight-02-answered');
    await waitFor(
      'central to hold the answer',
      async () =>
        (await federation.http(CENTRAL, 'GET', `/oversight/engagements/${id}`)).body
          .recommendations[0].state === 'answered',
    );
    await context.close();
  });
});
