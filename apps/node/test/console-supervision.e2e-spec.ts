import { NODE_LAUNCHER } from '../src/launch';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { InProcessFederation } from '@liandong/local-federation';
import { SystemClock } from '@liandong/messaging';
import { chinaDate } from '@liandong/protocol';
import {
  buildConsole,
  CONSOLE_DIR,
  launchChromium,
  openTab,
  screenshot,
  signInAt,
} from './browser';
import { RectificationPage } from './console/pages/rectification.page';
import { settled } from './console/pages/settled';
import { SupervisionPage } from './console/pages/supervision.page';
import { RectificationFederation, unique } from './rectification/federation-helpers';
import { HEBEI_SAMPLE_TREE, waitForRegistrations } from './support';

const [CENTRAL, JINGXING] = ['000000', '130121'];
const PASSWORD = 'console supervision password';
const NOTE = '约谈财务科科长，提醒按期清退违规发放的补贴；清退台账尚不完整。';
const URGING = '月底前补齐补贴清退台账，报送县纪委监委监督检查室。';
const OUTCOME = '补贴清退台账已补齐，已报送监督检查室。';
const NARROW = { width: 800, height: 900 };

async function shot(page: Page, n: number, what: string): Promise<void> {
  await settled(page);
  await screenshot(page, `supervision-${String(n).padStart(2, '0')}-${what}`);
}

/**
 * 整改日常监督 in Debian's Chromium against 井陉县's node (under 石家庄市, the province and
 * central): after feedback, 县纪委监委监督检查室 finds the rectification in its 整改日常监督
 * list, not yet supervised; it records a note (约谈提醒, about one problem, with an urging due
 * in a week) on the rectification's page; the list then counts it with the urging in yellow; the
 * county's inspection office reads the note, offered no form; the supervision office marks the
 * urging done. Prerequisites are built through the API; screenshots at 1280 and 800 px.
 */
describe('the console’s routine supervision of rectification in a browser', () => {
  let federation: InProcessFederation;
  let build: RectificationFederation;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  const tabs: BrowserContext[] = [];
  const url = () => federation.node(JINGXING).url as string;
  const tag = unique();
  const names = { office: `jx-office-${tag}`, supervision: `jx-jiandu-${tag}` };
  const people: Record<string, string> = {
    [names.office]: '井陉县委巡察办 王芳',
    [names.supervision]: '井陉县纪委监委监督检查室 赵强',
  };
  let organizationName: string;
  let rectificationId: string;
  let problems: string[];
  const day = (ahead: number) => chinaDate(new Date(Date.now() + ahead * 86_400_000));

  async function signedIn(username: string, viewport?: typeof NARROW): Promise<Page> {
    const { context, page } = await openTab(browser, viewport);
    tabs.push(context);
    await signInAt(page, url(), username, PASSWORD);
    return page;
  }

  beforeAll(async () => {
    buildConsole();
    federation = new InProcessFederation({
      launcher: NODE_LAUNCHER,
      tree: HEBEI_SAMPLE_TREE.filter((n) =>
        [CENTRAL, '130000', '130100', JINGXING].includes(n.nodeId),
      ),
      env: { CONSOLE_DIR },
    });
    build = new RectificationFederation(federation, new SystemClock());
    await federation.start();
    await waitForRegistrations(federation, CENTRAL);
    for (const [username, roles] of [
      [names.office, ['inspection_office']],
      [names.supervision, ['supervision_office']],
    ] as const) {
      const made = await federation.http(JINGXING, 'POST', '/users', {
        username,
        displayName: people[username],
        password: PASSWORD,
        roles,
      });
      if (made.status !== 201) throw new Error(JSON.stringify(made.body));
    }
    organizationName = `井陉县财政局党组${tag}`;
    const team = await build.team(JINGXING, await build.organization(JINGXING, organizationName));
    await build.signedFinding(team, '违规发放津贴补贴');
    await build.signedFinding(team, '财务管理制度不健全');
    await build.reportAndFeedback(JINGXING, team);
    const rectification = await build.rectificationOf(JINGXING, team.id);
    rectificationId = rectification.id;
    problems = rectification.items.map((i: { problem: string }) => i.problem);
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 300_000);

  afterAll(async () => {
    for (const context of tabs) await context.close().catch(() => undefined);
    await closeBrowser?.();
    await federation?.stop();
  });

  it('lets the supervision office find the rectification in its list, record a note with an urging, and see it counted', async () => {
    const page = await signedIn(names.supervision);
    const list = new SupervisionPage(page);
    await list.openFromMenu();
    const row = list.row(rectificationId);
    await expect(row.locator('[data-test=note-count]').innerText()).resolves.toBe('0 条');
    await expect(row.locator('[data-test=last-note]').innerText()).resolves.toBe('尚未开展');
    await expect(row.locator('[data-test=open-urgings]').innerText()).resolves.toBe('无');
    await shot(page, 1, 'list-not-yet-supervised');

    await list.openRectification(rectificationId);
    await expect(list.card.innerText()).resolves.toContain('尚无日常监督记录');
    await list.fillNote({
      method: 'admonition',
      content: NOTE,
      items: [`问题1：${problems[0]}`],
      urging: { text: URGING, dueOn: day(7) },
    });
    await shot(page, 2, 'record-form');
    await list.save();
    const note = list.notes.first();
    await expect(note.locator('[data-test=note-method]').innerText()).resolves.toBe('约谈提醒');
    await expect(note.locator('[data-test=note-content]').innerText()).resolves.toBe(NOTE);
    await expect(note.locator('[data-test=note-items-concerned]').innerText()).resolves.toBe(
      `涉及问题1：${problems[0]}`,
    );
    await expect(note.innerText()).resolves.toContain(`${people[names.supervision]} 于`);
    const urging = note.locator('[data-test=urging]');
    await expect(urging.getAttribute('data-level')).resolves.toBe('due_soon');
    await expect(urging.locator('[data-test=urging-state]').innerText()).resolves.toBe(
      '待落实 · 还剩 7 天',
    );
    await expect(
      urging.locator('[data-test=urging-state]').getAttribute('class'),
    ).resolves.toContain('el-tag--warning');
    await list.card.scrollIntoViewIfNeeded();
    await shot(page, 3, 'note-recorded');

    // Stored as shown, by this user, on today, about the first problem.
    const { body } = await federation.http(JINGXING, 'GET', `/rectifications/${rectificationId}`);
    expect(body.supervisionNotes).toEqual([
      expect.objectContaining({
        method: 'admonition',
        supervisedOn: day(0),
        content: NOTE,
        urging: URGING,
        urgingDueOn: day(7),
        recordedBy: names.supervision,
        items: [expect.objectContaining({ no: 1, problem: problems[0] })],
      }),
    ]);

    await list.openFromMenu();
    const counted = list.row(rectificationId);
    await expect(counted.locator('[data-test=note-count]').innerText()).resolves.toBe('1 条');
    await expect(counted.locator('[data-test=last-note]').innerText()).resolves.toBe(
      `${Number(day(0).slice(0, 4))}年${Number(day(0).slice(5, 7))}月${Number(day(0).slice(8))}日`,
    );
    await expect(
      counted.locator('[data-test=open-urgings]').getAttribute('data-level'),
    ).resolves.toBe('due_soon');
    await expect(counted.locator('[data-test=next-urging]').innerText()).resolves.toBe('还剩 7 天');
    await shot(page, 4, 'list-supervised');

    const narrow = await signedIn(names.supervision, NARROW);
    const narrowList = new SupervisionPage(narrow);
    await narrowList.goto(url());
    await shot(narrow, 5, 'list-narrow');
    await narrowList.openRectification(rectificationId);
    await narrowList.card.scrollIntoViewIfNeeded();
    await shot(narrow, 6, 'rectification-narrow');
  }, 180_000);

  it('shows the county’s inspection office the note, without a form or a way to mark the urging, and no 整改日常监督 list', async () => {
    const page = await signedIn(names.office);
    await expect(page.locator('[data-test=menu-routine-supervision]').count()).resolves.toBe(0);
    const rectification = new RectificationPage(page);
    await rectification.open(url(), rectificationId);
    const view = new SupervisionPage(page);
    await view.card.scrollIntoViewIfNeeded();
    await expect(view.notes.count()).resolves.toBe(1);
    await expect(view.notes.first().innerText()).resolves.toContain(NOTE);
    await expect(view.notes.first().innerText()).resolves.toContain(URGING);
    await expect(view.recordButton.count()).resolves.toBe(0);
    await expect(page.locator('[data-test=mark-urging-done]').count()).resolves.toBe(0);
    await shot(page, 7, 'office-reads-note');
  }, 120_000);

  it('lets the supervision office mark the urging done with what was done', async () => {
    const page = await signedIn(names.supervision);
    const rectification = new RectificationPage(page);
    await rectification.open(url(), rectificationId);
    const view = new SupervisionPage(page);
    await view.card.scrollIntoViewIfNeeded();
    await view.markUrgingDone(view.notes.first(), OUTCOME);
    await expect(view.notes.first().locator('[data-test=urging-state]').innerText()).resolves.toBe(
      '已落实',
    );
    await expect(
      view.notes.first().locator('[data-test=urging-outcome]').innerText(),
    ).resolves.toContain(OUTCOME);
    await shot(page, 8, 'urging-done');
    const list = new SupervisionPage(page);
    await list.openFromMenu();
    await expect(
      list.row(rectificationId).locator('[data-test=open-urgings]').innerText(),
    ).resolves.toBe('无');
  }, 120_000);
});
