import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
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
  SCREENSHOTS,
  signInAt,
} from './browser';
import { InspectionPage } from './console/pages/inspection.page';
import { RoundPage } from './console/pages/round.page';
import { RoundsPage } from './console/pages/rounds.page';
import { inspectAndFeedBack, Names } from './planning/helpers';
import { HEBEI_SAMPLE_TREE, importOrganizations, waitFor, waitForRegistrations } from './support';

const CITY = '130100';
const JINGXING = '130121';
const PASSWORD = 'a long test password';
const DAY = 86_400_000;
const PHONE = { width: 390, height: 844 };

/**
 * 轮次与巡察 and 巡察组 in Debian's Chromium, at 石家庄市 and 井陉县 (the city and one of its
 * counties): the office creates a round and schedules an own organization picked from the
 * registry, and 井陉县's result under the linked round appears beneath it; the city escalates a county's organization picked from the county's own registry,
 * and the county sees it marked 提级 by 石家庄市; a team with a person who must recuse is
 * refused with the reason beside that person and nothing stored, then a valid team is saved.
 */
describe('rounds, inspections and teams in a browser', () => {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 4),
    env: { CONSOLE_DIR },
  });
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  const url = (node: string) => federation.node(node).url as string;
  const http = (node: string, method: string, path: string, body?: unknown) =>
    federation.http(node, method, path, body);
  const tag = () => randomBytes(3).toString('hex');
  const offices: Record<string, string> = {};
  const day = (offset: number) => chinaDate(new Date(Date.now() + offset * DAY));

  async function office(node: string, name: string): Promise<string> {
    const username = `office-${tag()}`;
    const created = await http(node, 'POST', '/users', {
      username,
      displayName: name,
      password: PASSWORD,
      roles: ['inspection_office'],
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    return username;
  }

  async function signedIn(
    node: string,
    viewport?: typeof PHONE,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const tab = await openTab(browser, viewport);
    await signInAt(tab.page, url(node), offices[node], PASSWORD);
    return tab;
  }

  /** An organization in a node's registry, made through the API. */
  async function organization(node: string, name: string): Promise<{ code: string; name: string }> {
    const t = tag();
    const org = { code: `${node}-${t}`, name: `${name}${t}` };
    await importOrganizations(federation, node, [[org.code, org.name, '党政机关部门', '', '县级']]);
    return org;
  }

  async function round(node: string, theme: string): Promise<string> {
    const made = await http(node, 'POST', '/rounds', {
      type: 'regular',
      theme,
      windowStart: day(10),
      windowEnd: day(70),
    });
    if (made.status !== 201) throw new Error(JSON.stringify(made.body));
    return made.body.id;
  }

  /** On a narrow screen the menu folds away as the page opens; waits until only its border is left. */
  const menuFolded = (page: Page) =>
    page.waitForFunction(
      () =>
        (globalThis as any).document.querySelector('.aside')?.getBoundingClientRect().width <= 1,
    );

  const scrollsSideways = (page: Page) =>
    page.evaluate(() => {
      const root = (globalThis as any).document.documentElement;
      return root.scrollWidth > root.clientWidth + 1;
    });

  beforeAll(async () => {
    buildConsole();
    await federation.start({ except: ['000000', '130000'] });
    await waitForRegistrations(federation, CITY);
    offices[CITY] = await office(CITY, '市委巡察办');
    offices[JINGXING] = await office(JINGXING, '县委巡察办');
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 300_000);
  afterAll(async () => {
    await closeBrowser?.();
    await federation.stop();
  });

  it('creates a round and schedules an own organization picked from the registry', async () => {
    const org = await organization(CITY, '石家庄市交通运输局党组');
    await organization(CITY, '石家庄市交通投资集团党委');
    const theme = `2027年第一轮专项巡察${tag()}`;
    const { context, page } = await signedIn(CITY);
    const rounds = await new RoundsPage(page).goto(url(CITY));
    const dialog = await rounds.fillNewRound({
      type: 'thematic',
      theme,
      windowStart: day(10),
      windowEnd: day(70),
      linkChildren: true,
    });
    await screenshot(page, 'planning-01-new-round');
    const roundId = await rounds.createRound(dialog);
    const detail = new RoundPage(page);

    // 安排巡察: typed part of the name, two match, one is picked.
    const scheduling = await detail.fillSchedule('交通', org.name);
    await screenshot(page, 'planning-02-schedule-picked');
    const row = await detail.submit(scheduling, org.code);
    await expect(row.locator('[data-test=inspection-mode]').innerText()).resolves.toBe('本级');
    await expect(row.locator('[data-test=inspection-status]').innerText()).resolves.toBe('已安排');

    const stored = await http(CITY, 'GET', `/rounds/${roundId}`);
    expect(stored.body).toMatchObject({ type: 'thematic', theme });
    expect(stored.body.inspections).toEqual([
      expect.objectContaining({ mode: 'own', organizationCode: org.code, status: 'planned' }),
    ]);
    // 巡视带巡察: 井陉县 takes the linked round up; the round shows it under the child's name.
    const linked = detail.linked(JINGXING);
    await waitFor('井陉县 to acknowledge the linked round', async () => {
      await page.reload();
      await linked.waitFor();
      return (await linked.locator('[data-test=linked-state]').innerText()).trim() === '已签收';
    });
    await expect(linked.innerText()).resolves.toContain('井陉县');

    // The county inspects under the linked round and gives feedback (through the API: the
    // finding's road is the dossier's test); its result appears under the city's round.
    const { body: withLinks } = await http(CITY, 'GET', `/rounds/${roundId}`);
    const childRound = withLinks.links.find(
      (l: { childNode: string }) => l.childNode === JINGXING,
    ).childRoundId;
    const village = await organization(JINGXING, '井陉县南关村党支部');
    const scheduled = await http(JINGXING, 'POST', `/rounds/${childRound}/inspections`, {
      organizationCode: village.code,
    });
    expect(scheduled.status).toBe(201);
    await inspectAndFeedBack(federation, new Names(), JINGXING, scheduled.body.id);
    const results = linked.locator('[data-test=linked-results]');
    await waitFor('the county’s result under the city’s round', async () => {
      await page.reload();
      await linked.waitFor();
      return (await results.count()) > 0 && (await results.innerText()).includes(village.name);
    });
    await screenshot(page, 'planning-03-round-detail');

    await rounds.goto(url(CITY));
    await rounds.round(theme).waitFor();
    await expect(rounds.round(theme).locator('[data-test=round-type]').innerText()).resolves.toBe(
      '专项',
    );
    await screenshot(page, 'planning-04-round-list');
    await context.close();

    const phone = await signedIn(CITY, PHONE);
    await new RoundsPage(phone.page).goto(url(CITY));
    await new RoundsPage(phone.page).round(theme).waitFor();
    await menuFolded(phone.page);
    await screenshot(phone.page, 'planning-05-round-list-phone');
    expect(await scrollsSideways(phone.page)).toBe(false);
    await phone.context.close();
  });

  it('escalates a county’s organization picked from its registry; the county sees 提级 by 石家庄市', async () => {
    const org = await organization(JINGXING, '井陉县南障城镇党委');
    const roundId = await round(CITY, `提级巡察${tag()}`);
    const city = await signedIn(CITY);
    const detail = await new RoundPage(city.page).goto(url(CITY), roundId);
    const dialog = await detail.fillEscalate({ typed: '井陉', name: '井陉县' }, '南障城', org.name);
    await screenshot(city.page, 'planning-06-escalate-picked');
    const row = await detail.submit(dialog, org.code);
    await expect(row.locator('[data-test=inspection-mode]').innerText()).resolves.toBe('提级');
    await expect(row.innerText()).resolves.toContain('井陉县的对象');
    // The county accepts it (a receipt): the city's row turns from 待下级确认 to 已安排.
    await waitFor('the county to accept the escalation', async () => {
      await city.page.reload();
      await detail.inspection(org.code).waitFor();
      const status = detail.inspection(org.code).locator('[data-test=inspection-status]');
      return (await status.innerText()).trim() === '已安排';
    });
    await screenshot(city.page, 'planning-06b-escalated-in-round');
    await city.context.close();

    const county = await signedIn(JINGXING);
    const rounds = await new RoundsPage(county.page).goto(url(JINGXING));
    const hosted = rounds.hosted(org.code);
    await hosted.waitFor();
    await expect(hosted.locator('[data-test=hosted-mode]').innerText()).resolves.toBe('提级');
    await expect(hosted.locator('[data-test=hosted-by]').innerText()).resolves.toBe(
      '由石家庄市提级巡察',
    );
    await screenshot(county.page, 'planning-07-county-hosted');
    await hosted.locator('a').click();
    const inspection = new InspectionPage(county.page);
    await county.page.locator('[data-test=inspection-facts]').waitFor();
    await expect(inspection.conductedBy.innerText()).resolves.toBe('由石家庄市提级巡察');
    await expect(inspection.mode.innerText()).resolves.toBe('提级');
    // The team is the city's to form: the county is offered no team, feedback or hand-back.
    await county.page.locator('[data-test=no-team]').waitFor();
    for (const action of ['edit-team', 'give-feedback', 'hand-back', 'open-findings'])
      await expect(county.page.locator(`[data-test=${action}]`).count()).resolves.toBe(0);
    await screenshot(county.page, 'planning-08-county-hosted-inspection');
    await county.context.close();
  });

  it('refuses a team with a person who must recuse, beside that person and storing nothing; then saves a valid one', async () => {
    const org = await organization(CITY, '石家庄市审计局党组');
    const roundId = await round(CITY, `常规巡察${tag()}`);
    const scheduled = await http(CITY, 'POST', `/rounds/${roundId}/inspections`, {
      organizationCode: org.code,
    });
    const inspectionId = scheduled.body.id as string;
    const t = tag();
    const person = async (name: string, extra: Record<string, unknown> = {}) => {
      const made = await http(CITY, 'POST', '/personnel', {
        name: `${name}${t}`,
        sourceBody: 'discipline',
        homeJurisdiction: CITY,
        homeUnitName: '石家庄市纪委监委',
        posts: [
          {
            nodeId: CITY,
            unitCode: 'JW-1',
            unitName: '石家庄市纪委监委',
            title: '监督检查室主任',
            from: '2020-01-01',
          },
        ],
        ...extra,
      });
      if (made.status !== 201) throw new Error(JSON.stringify(made.body));
      return { id: made.body.id as string, name: `${name}${t}` };
    };
    const leader = await person('张组长');
    const deputy = await person('李副组长');
    const member = await person('王成员');
    const related = await person('赵回避', {
      relations: [
        { name: '钱某', relation: '配偶', nodeId: CITY, unitCode: org.code, unitName: org.name },
      ],
      posts: [
        {
          nodeId: CITY,
          unitCode: org.code,
          unitName: org.name,
          title: '副局长',
          from: '2021-01-01',
          to: day(-200),
        },
      ],
    });
    const spare = await person('孙成员');

    const { context, page } = await signedIn(CITY);
    const inspection = await new InspectionPage(page).goto(url(CITY), inspectionId);
    await inspection.openEditor();
    await inspection.choose(inspection.row('leader'), leader.name);
    await inspection.choose(inspection.row('deputy_leader'), deputy.name);
    await inspection.choose(inspection.row('member'), member.name);
    await inspection.choose(await inspection.addMember(), related.name);
    await inspection.save();

    const refused = inspection.rowOf(related.id);
    const reasons = refused.locator('[data-test=recusal] li');
    const refusedRow = inspection.row('member', 1);
    await reasons.first().waitFor();
    const shown = await reasons.allInnerTexts();
    expect(shown).toHaveLength(2);
    expect(shown.join('')).toContain(`${related.name}的配偶钱某在${org.name}`);
    expect(shown.join('')).toContain('副局长');
    await expect(page.locator('[data-test=team-refused]').innerText()).resolves.toContain(
      '1 人须回避',
    );
    // Only the refused person's row carries a reason.
    for (const other of [leader, deputy, member])
      await expect(inspection.rowOf(other.id).locator('[data-test=recusal]').count()).resolves.toBe(
        0,
      );
    await refused.scrollIntoViewIfNeeded();
    await screenshot(page, 'planning-09-team-recusal');
    await page
      .locator('[data-test=team-editor]')
      .screenshot({ path: join(SCREENSHOTS, 'planning-09b-team-recusal-editor.png') });
    const unchanged = await http(CITY, 'GET', `/inspections/${inspectionId}`);
    expect(unchanged.body.team).toEqual([]);

    // The refused person replaced: the team is saved and shown with its roles.
    await inspection.choose(refusedRow, spare.name);
    await expect(inspection.rowOf(spare.id).locator('[data-test=recusal]').count()).resolves.toBe(
      0,
    );
    await inspection.save();
    await expect(inspection.team()).resolves.toEqual([
      ['组长', leader.name],
      ['副组长', deputy.name],
      ['成员', member.name],
      ['成员', spare.name],
    ]);
    await screenshot(page, 'planning-10-team-saved');
    const saved = await http(CITY, 'GET', `/inspections/${inspectionId}`);
    expect(
      saved.body.team.map((m: { role: string; personId: string }) => [m.role, m.personId]).sort(),
    ).toEqual(
      [
        ['leader', leader.id],
        ['deputy_leader', deputy.id],
        ['member', member.id],
        ['member', spare.id],
      ].sort(),
    );
    await context.close();
  });
});
