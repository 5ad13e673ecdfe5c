import type { Browser, BrowserContext, Page } from 'playwright-core';
import { InProcessFederation } from '@liandong/local-federation';
import { SystemClock } from '@liandong/messaging';
import { NODE_LAUNCHER } from '../src/launch';
import {
  buildConsole,
  CONSOLE_DIR,
  launchChromium,
  openTab,
  screenshot,
  signInAt,
} from './browser';
import { ExchangePage } from './console/pages/exchange.page';
import { settled } from './console/pages/settled';
import { pdf, sha256 } from './console/test-files';
import { RectificationFederation, Team, unique } from './rectification/federation-helpers';
import { HEBEI_SAMPLE_TREE, waitFor, waitForRegistrations } from './support';

const CITY = '130100';
const JINGXING = '130121';
const PASSWORD = 'a long test password';
const SUBJECT = '领导班子成员信访举报情况';
const SUMMARY = '近三年共收到该局领导班子成员信访举报3件，均已办结，详见附件。';
const FILENAME = '信访举报办理情况汇总.pdf';

async function shot(page: Page, n: number, what: string): Promise<void> {
  await settled(page);
  await screenshot(page, `exchange-${String(n).padStart(2, '0')}-${what}`);
}

/**
 * 巡前信息沟通 in Debian's Chromium between 井陉县 and 石家庄市: users, the inspection and its
 * team are made through the API; in the browser 井陉县's office asks 石家庄市's discipline body
 * from the inspection's page, that body answers with an attachment from its 信息沟通 inbox, a
 * member of 井陉县's team opens the sealed answer by an audited act and sees the attachment,
 * and the office sees the request answered.
 */
describe('信息沟通 in a browser', () => {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 4),
    env: { CONSOLE_DIR },
  });
  const build = new RectificationFederation(federation, new SystemClock());
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  const tabs: BrowserContext[] = [];
  const url = (node: string) => federation.node(node).url as string;
  const tag = unique();
  const office = `jx-office-${tag}`;
  const body = `shi-jiwei-${tag}`;
  let team: Team;
  let organizationName: string;

  async function user(node: string, username: string, displayName: string, roles: string[]) {
    const made = await federation.http(node, 'POST', '/users', {
      username,
      displayName,
      password: PASSWORD,
      roles,
    });
    if (made.status !== 201) throw new Error(`user ${username}: ${JSON.stringify(made.body)}`);
  }
  async function signedIn(node: string, username: string): Promise<Page> {
    const { context, page } = await openTab(browser);
    tabs.push(context);
    await signInAt(page, url(node), username, PASSWORD);
    return page;
  }

  beforeAll(async () => {
    buildConsole();
    await federation.start({ except: ['000000', '130000'] });
    await waitForRegistrations(federation, CITY);
    await user(JINGXING, office, '井陉县委巡察办 王芳', ['inspection_office']);
    await user(CITY, body, '石家庄市纪委监委 陈静', ['receiving_body']);
    organizationName = `井陉县某局党组${tag}`;
    team = await build.team(JINGXING, await build.organization(JINGXING, organizationName));
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 300_000);
  afterAll(async () => {
    for (const context of tabs) await context.close().catch(() => undefined);
    await closeBrowser?.();
    await federation.stop();
  });

  it('asks 石家庄市’s discipline body, is answered with an attachment, and the team opens it', async () => {
    // 井陉县's office, on the inspection's page: 发起信息沟通 to 石家庄市纪检监察机关.
    const county = await signedIn(JINGXING, office);
    await county.goto(`${url(JINGXING)}/console/inspections/${team.id}`);
    const countyExchange = new ExchangePage(county);
    await county.locator('[data-test=inspection-requests]').waitFor();
    await expect(county.locator('[data-test=send-support]').count()).resolves.toBe(0);
    const dialog = await countyExchange.sendInformation({
      body: '纪检监察机关',
      node: '上级：石家庄市',
      subject: SUBJECT,
      details: `请提供近三年对${organizationName}领导班子成员的信访举报及办理情况。`,
    });
    await expect(dialog.locator('[data-test=request-target]').innerText()).resolves.toContain(
      '上级：石家庄市（市级）',
    );
    await shot(county, 1, 'county-office-sends');
    await dialog.locator('[data-test=send-request-submit]').click();
    await dialog.waitFor({ state: 'hidden' });
    await countyExchange.state(SUBJECT, 'sent').waitFor();
    await expect(countyExchange.state(SUBJECT, 'sent').innerText()).resolves.toBe('待答复');
    await expect(countyExchange.row(SUBJECT, 'sent').innerText()).resolves.toContain(
      '石家庄市纪检监察机关',
    );
    await shot(county, 2, 'county-inspection-requests');

    // 石家庄市's discipline body: its inbox, the answer with a PDF dropped in.
    const city = await signedIn(CITY, body);
    const inbox = new ExchangePage(city);
    await inbox.openFromMenu();
    await inbox.state(SUBJECT, 'received').waitFor();
    await expect(inbox.figure('toAnswer').innerText()).resolves.toBe('1');
    await shot(city, 3, 'city-inbox');
    await inbox.row(SUBJECT, 'received').locator('[data-test=answer-request]').click();
    const answer = city.locator('[data-test=answer-dialog]');
    await answer.waitFor();
    // Sent blank first: the node's refusal stands beside 情况说明.
    await answer.locator('[data-test=answer-submit]').click();
    await answer.locator('[data-test=field-summary] .el-form-item__error').waitFor();
    await shot(city, 4, 'city-answer-refused');
    const file = pdf('Petitions 2023-2025: 3 received, all closed');
    await answer.locator('[data-test=attachment-input]').setInputFiles({
      name: FILENAME,
      mimeType: 'application/pdf',
      buffer: file,
    });
    const chosen = answer.locator(`[data-test="attachment-${FILENAME}"]`);
    await expect(
      waitFor('the browser to hash the file', async () => {
        const text = await chosen.locator('[data-test=attachment-sha256]').innerText();
        return text === sha256(file) ? text : undefined;
      }),
    ).resolves.toBe(sha256(file));
    await expect(chosen.locator('[data-test=attachment-type]').innerText()).resolves.toBe(
      'PDF 文档',
    );
    await answer.locator('textarea[data-test=answer-summary]').fill(SUMMARY);
    await shot(city, 5, 'city-answer-filled');
    await answer.locator('[data-test=answer-submit]').click();
    await answer.waitFor({ state: 'hidden' });
    await city
      .locator(`[data-test=requests-received] [data-test=request-state][data-state=answered]`)
      .waitFor();
    await shot(city, 6, 'city-answered');

    // 井陉县's team member opens the sealed answer on the inspection's page.
    await waitFor('井陉县 to hold the answer', async () => {
      const { body: list } = await federation.http(JINGXING, 'GET', '/information-requests');
      return (list.sent as Array<{ subject: string; answerHeld: boolean }>).some(
        (r) => r.subject === SUBJECT && r.answerHeld,
      )
        ? true
        : undefined;
    });
    const member = await signedIn(JINGXING, team.member.username);
    await member.goto(`${url(JINGXING)}/console/inspections/${team.id}`);
    const memberExchange = new ExchangePage(member);
    const open = memberExchange.row(SUBJECT, 'sent').locator('[data-test=open-answer]');
    await open.waitFor().catch(async (error) => {
      await screenshot(member, 'exchange-debug-member');
      throw error;
    });
    await expect(member.locator('[data-test=send-information]').count()).resolves.toBe(0);
    await open.click();
    const box = member.locator('.el-message-box');
    await box.waitFor();
    await expect(box.innerText()).resolves.toContain('记入本节点审计日志');
    await shot(member, 7, 'member-confirms-opening');
    await box.getByRole('button', { name: '确认打开' }).click();
    const sealed = member.locator('[data-test=sealed-answer]');
    await sealed.locator('[data-test=answer-summary-text]').waitFor();
    await expect(sealed.locator('[data-test=answer-summary-text]').innerText()).resolves.toBe(
      SUMMARY,
    );
    await expect(sealed.locator('[data-test=answer-attachment-name]').innerText()).resolves.toBe(
      FILENAME,
    );
    const [download] = await Promise.all([
      member.waitForEvent('download'),
      sealed.locator('[data-test=download-attachment]').click(),
    ]);
    expect(download.suggestedFilename()).toBe(FILENAME);
    await shot(member, 8, 'member-reads-answer');
    // On a phone at the site: the same answer opened from the inspection's page.
    const { context: phoneTab, page: phone } = await openTab(browser, { width: 390, height: 844 });
    tabs.push(phoneTab);
    await signInAt(phone, url(JINGXING), team.member.username, PASSWORD);
    await phone.goto(`${url(JINGXING)}/console/inspections/${team.id}`);
    await new ExchangePage(phone).row(SUBJECT, 'sent').locator('[data-test=open-answer]').click();
    await phone.locator('.el-message-box').getByRole('button', { name: '确认打开' }).click();
    await phone.locator('[data-test=sealed-answer] [data-test=answer-attachment-name]').waitFor();
    await shot(phone, 10, 'member-reads-answer-phone');
    const audit = await federation
      .dataSource(JINGXING)
      .query(`SELECT actor FROM audit_entry WHERE action = 'information_request.answer_read'`);
    expect(audit).toContainEqual({ actor: `user:${team.member.username}` });

    // The office sees it answered, without a way to read it.
    const list = new ExchangePage(county);
    await county.goto(`${url(JINGXING)}/console/workbench`);
    await list.openFromMenu();
    await list.state(SUBJECT, 'sent').waitFor();
    await expect(list.state(SUBJECT, 'sent').innerText()).resolves.toBe('已答复');
    await expect(list.figure('outstanding').innerText()).resolves.toBe('0');
    await expect(
      list.row(SUBJECT, 'sent').locator('[data-test=open-answer]').count(),
    ).resolves.toBe(0);
    await shot(county, 9, 'county-office-sees-answered');
  }, 240_000);
});
