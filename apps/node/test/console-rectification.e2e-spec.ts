import { createHash } from 'node:crypto';
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
import { ReferralListPage } from './console/pages/referral-list.page';
import { ReferralNewPage } from './console/pages/referral-new.page';
import { ReferralPage } from './console/pages/referral.page';
import { RectificationPage } from './console/pages/rectification.page';
import { PDF, RectificationFederation, Team, unique } from './rectification/federation-helpers';
import { HEBEI_SAMPLE_TREE, waitFor, waitForRegistrations } from './support';

const [CENTRAL, CITY, JINGXING] = ['000000', '130100', '130121'];
const PASSWORD = 'console rectification password';
const CLUE = '某局局长张某涉嫌违规决定以加班费名义发放津贴补贴12万元（市管干部）。';
const DISPOSITION = '经初步核实，已对张某立案审查调查。';
/** Waits for the page's transitions to end (runs in the page: its DOM types are not compiled here). */
const settled = (page: Page) =>
  page.evaluate(() =>
    Promise.all(
      (globalThis as any).document
        .getAnimations()
        .filter((a: any) => a.effect?.getTiming().iterations !== Infinity)
        .map((a: any) => a.finished.catch(() => undefined)),
    ),
  );
async function shot(page: Page, n: number, what: string): Promise<void> {
  await settled(page);
  await screenshot(page, `rectification-${String(n).padStart(2, '0')}-${what}`);
}

/**
 * 移交 and 整改 in Debian's Chromium against real nodes of 石家庄市 and 井陉县 (under central and
 * the province): 井陉县's office refers a signed clue to 石家庄市's discipline body; only that
 * body's user opens it, by an explicit act that is recorded; it acknowledges and reports the
 * disposition; 井陉县 sees it disposed with the rate. At 井陉县 the rectification shows its
 * deadline in its colour, an item gets responsibility and closes with a file of proof, and the
 * progress report collects the signatures of 监督检查室, 组织部门 and 巡察办, the page saying
 * who has still to sign until no one is left. Prerequisites are built through the API.
 */
describe('the console’s referrals and rectification in a browser', () => {
  let federation: InProcessFederation;
  let build: RectificationFederation;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  const tabs: BrowserContext[] = [];
  const url = (nodeId: string) => federation.node(nodeId).url as string;
  const tag = unique();
  const names = {
    cityOffice: `shi-office-${tag}`,
    cityBody: `shi-jiwei-${tag}`,
    countyOffice: `jx-office-${tag}`,
    supervision: `jx-jiandu-${tag}`,
    organization: `jx-zuzhi-${tag}`,
  };
  /** The names people know them by, as the console shows them. */
  const people: Record<string, string> = {
    [names.cityOffice]: '石家庄市委巡察办 刘洋',
    [names.cityBody]: '石家庄市纪委监委 陈静',
    [names.countyOffice]: '井陉县委巡察办 王芳',
    [names.supervision]: '井陉县纪委监委监督检查室 赵强',
    [names.organization]: '井陉县委组织部 孙丽',
  };
  let team: Team;
  let findingId: string;
  let organizationName: string;
  let referralId: string;
  let rectificationId: string;

  /** A user of a node made through the API by the harness's clerk (an admin). */
  async function user(node: string, username: string, roles: string[]): Promise<void> {
    const made = await federation.http(node, 'POST', '/users', {
      username,
      displayName: people[username] ?? username,
      password: PASSWORD,
      roles,
    });
    if (made.status !== 201) throw new Error(`user ${username}: ${JSON.stringify(made.body)}`);
  }

  /** A tab of its own, signed in as `username` at `node`. */
  async function signedIn(node: string, username: string): Promise<Page> {
    const { context, page } = await openTab(browser);
    tabs.push(context);
    await signInAt(page, url(node), username, PASSWORD);
    return page;
  }

  const tokenOf = (node: string, username: string) => federation.signIn(node, username, PASSWORD);

  beforeAll(async () => {
    buildConsole();
    federation = new InProcessFederation({
      launcher: NODE_LAUNCHER,
      tree: HEBEI_SAMPLE_TREE.filter((n) => [CENTRAL, '130000', CITY, JINGXING].includes(n.nodeId)),
      env: { CONSOLE_DIR },
    });
    build = new RectificationFederation(federation, new SystemClock());
    await federation.start();
    await waitForRegistrations(federation, CENTRAL);
    await user(CITY, names.cityOffice, ['inspection_office']);
    await user(CITY, names.cityBody, ['receiving_body']);
    await user(JINGXING, names.countyOffice, ['inspection_office']);
    await user(JINGXING, names.supervision, ['supervision_office']);
    await user(JINGXING, names.organization, ['organization_department']);
    // 井陉县's inspection up to feedback: team, a clue finding with evidence, checked and
    // signed, the report, the leading group's decision, the feedback.
    organizationName = `井陉县财政局党组${tag}`;
    team = await build.team(JINGXING, await build.organization(JINGXING, organizationName));
    findingId = await build.signedFinding(team, '违规发放津贴补贴');
    await build.reportAndFeedback(JINGXING, team);
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 300_000);

  afterAll(async () => {
    for (const context of tabs) await context.close().catch(() => undefined);
    await closeBrowser?.();
    await federation?.stop();
  });

  it('lets the county office refer the signed clue to 石家庄市’s discipline body, sealed to it', async () => {
    const page = await signedIn(JINGXING, names.countyOffice);
    const list = new ReferralListPage(page);
    await list.openFromMenu();
    await expect(list.figure('sent-count').innerText()).resolves.toBe('0');
    await shot(page, 1, 'county-referrals-none-yet');

    await list.makeReferral();
    const form = new ReferralNewPage(page);
    await form.pickInspection(organizationName);
    await form.pickFinding(findingId);
    // The finding's facts and basis are proposed as the content.
    await expect(form.content()).resolves.toContain('违规发放津贴补贴');
    await form.kind('clue');
    await form.cadreTier('municipal');
    await form.setContent(CLUE);
    await shot(page, 2, 'county-referral-form');
    referralId = await form.submit();

    const referral = new ReferralPage(page);
    await expect(referral.state.getAttribute('data-state')).resolves.toBe('open');
    await expect(page.locator('.el-descriptions').innerText()).resolves.toContain(
      '石家庄市（130100）纪检监察机关',
    );
    // The sender keeps no way to read what it sealed: no button, and the API refuses.
    await expect(referral.openSealedButton.count()).resolves.toBe(0);
    await expect(referral.sealedNotice.innerText()).resolves.toContain('本级不能查看');
    await shot(page, 3, 'county-referral-sent');
    const { body } = await federation.http(JINGXING, 'GET', '/referrals');
    expect(body.sent.find((r: { id: string }) => r.id === referralId)).toMatchObject({
      kind: 'clue',
      targetNode: CITY,
      body: 'discipline',
      sealed: true,
      state: 'open',
    });
    for (const token of [
      await tokenOf(JINGXING, names.countyOffice),
      federation.node(JINGXING).token,
    ]) {
      const refused = await federation.httpAs(
        JINGXING,
        token,
        'GET',
        `/referrals/${referralId}/content`,
      );
      expect(refused.status).toBe(403);
    }
  }, 180_000);

  it('at 石家庄市 opens the clue to its discipline body only, recorded; it acknowledges and reports the disposition', async () => {
    await waitFor('the referral at 石家庄市', async () => {
      const { body } = await federation.http(CITY, 'GET', '/referrals');
      return body.received.some((r: { id: string }) => r.id === referralId) || undefined;
    });

    // The city's office sees it arrive, but is offered nothing to open it with, and the API refuses it.
    const office = await signedIn(CITY, names.cityOffice);
    const officeList = new ReferralListPage(office);
    await officeList.openFromMenu();
    await officeList.showReceived();
    await officeList.openReferral('received', referralId);
    const officeView = new ReferralPage(office);
    await expect(officeView.openSealedButton.count()).resolves.toBe(0);
    await expect(officeView.sealedNotice.innerText()).resolves.toContain('您的角色不能查看');
    await shot(office, 4, 'city-office-cannot-open');
    for (const token of [await tokenOf(CITY, names.cityOffice), federation.node(CITY).token]) {
      const refused = await federation.httpAs(
        CITY,
        token,
        'GET',
        `/referrals/${referralId}/content`,
      );
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/[\u4e00-\u9fff]/);
    }

    // The discipline body's inbox: received first.
    const page = await signedIn(CITY, names.cityBody);
    const inbox = new ReferralListPage(page);
    await inbox.openFromMenu();
    await expect(inbox.state('received', referralId).getAttribute('data-state')).resolves.toBe(
      'open',
    );
    await expect(inbox.figure('to-acknowledge-count').innerText()).resolves.toBe('1');
    await shot(page, 5, 'city-body-inbox');
    await inbox.openReferral('received', referralId);
    const referral = new ReferralPage(page);
    await expect(referral.sealedText.count()).resolves.toBe(0);

    // Cancelling reads nothing; confirming opens it, and the node records who read it.
    const reads = async () =>
      (await federation.http(CITY, 'GET', '/audit?action=referral.content_read')).body.filter(
        (e: { subjectId: string }) => e.subjectId === referralId,
      );
    await referral.openSealed(false);
    await expect(referral.sealedText.count()).resolves.toBe(0);
    expect(await reads()).toEqual([]);
    await referral.openSealedButton.click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    await expect(box.innerText()).resolves.toContain('记入本节点审计日志');
    await shot(page, 6, 'city-body-open-confirm');
    await box.getByRole('button', { name: '确认打开' }).click();
    await box.waitFor({ state: 'hidden' });
    await referral.sealedText.waitFor();
    await expect(referral.sealedText.innerText()).resolves.toBe(CLUE);
    const recorded = await reads();
    expect(recorded).toHaveLength(1);
    expect(recorded[0].actor).toContain(names.cityBody);
    await shot(page, 7, 'city-body-opened');

    await referral.acknowledge();
    await referral.dispose(DISPOSITION);
    await expect(referral.disposition.innerText()).resolves.toContain(DISPOSITION);
    await shot(page, 8, 'city-body-disposed');
  }, 180_000);

  it('shows the county the referral disposed, with the disposal rate', async () => {
    await waitFor('the disposition at 井陉县', async () => {
      const { body } = await federation.http(JINGXING, 'GET', '/referrals');
      return body.sent.find((r: { id: string; state: string }) => r.id === referralId)?.state ===
        'disposed'
        ? true
        : undefined;
    });
    const page = await signedIn(JINGXING, names.countyOffice);
    const list = new ReferralListPage(page);
    await list.openFromMenu();
    await expect(list.state('sent', referralId).getAttribute('data-state')).resolves.toBe(
      'disposed',
    );
    const { body } = await federation.http(JINGXING, 'GET', '/referrals');
    expect(body.summary).toMatchObject({ sent: 1, disposed: 1, disposalRate: 100 });
    await expect(list.figure('disposal-rate').innerText()).resolves.toBe('100%');
    await expect(list.rateText.innerText()).resolves.toBe('100%（已处置 1 件，共移交 1 件）');
    await expect(list.row('sent', referralId).innerText()).resolves.toContain(DISPOSITION);
    await shot(page, 9, 'county-referral-disposed');
  }, 120_000);

  it('shows the county’s rectification with its deadline in its colour; an item gets responsibility and closes with a file of proof', async () => {
    const detail = await build.rectificationOf(JINGXING, team.id);
    rectificationId = detail.id;
    const item = detail.items[0];
    const page = await signedIn(JINGXING, names.countyOffice);
    const rectification = new RectificationPage(page);
    await rectification.openList();
    const daysLeft = `还剩 ${detail.deadline.daysLeft} 天`;
    expect(detail.deadline).toMatchObject({ level: null, progressReported: false });
    expect(detail.deadline.daysLeft).toBeGreaterThan(20);
    const listed = rectification.listRow(rectificationId).locator('[data-test=deadline]');
    await expect(listed.getAttribute('data-level')).resolves.toBe('normal');
    await expect(listed.innerText()).resolves.toContain(daysLeft);
    await shot(page, 10, 'county-rectification-list');

    await rectification.openFromList(rectificationId);
    await expect(rectification.daysLeft.innerText()).resolves.toBe(daysLeft);
    await expect(rectification.deadline.getAttribute('data-level')).resolves.toBe('normal');
    await expect(rectification.daysLeft.getAttribute('class')).resolves.toContain(
      'el-tag--success',
    );
    const problems = await rectification.tab('problems');
    await expect(problems.innerText()).resolves.toContain('违规发放津贴补贴');
    await expect(rectification.itemState(item.id).getAttribute('data-state')).resolves.toBe('open');
    await shot(page, 11, 'county-rectification-problems');

    const who = {
      responsiblePerson: '财务科科长 王某',
      unitHead: '局长 李某',
      tasks: ['清退违规发放的补贴', '修订财务管理制度'],
    };
    await rectification.assign(item.id, who);
    const responsibility = await rectification.tab('responsibility');
    await expect(responsibility.innerText()).resolves.toContain(who.responsiblePerson);
    await expect(responsibility.innerText()).resolves.toContain(who.unitHead);
    await shot(page, 12, 'county-rectification-responsibility');
    const tasks = await rectification.tab('tasks');
    await expect(tasks.innerText()).resolves.toContain('1-2');
    await expect(tasks.innerText()).resolves.toContain('修订财务管理制度');
    await shot(page, 13, 'county-rectification-tasks');

    // Without proof the node refuses, and the page says why; with a file uploaded it closes.
    await rectification.tab('problems');
    await rectification.startClosing(item.id);
    const refusal = await rectification.confirmClose();
    const direct = await federation.http(
      JINGXING,
      'POST',
      `/rectifications/${rectificationId}/items/${item.id}/close`,
      {},
    );
    expect([direct.status, direct.body.error]).toEqual([409, 'NO_PROOF']);
    expect(refusal?.trim()).toBe(direct.body.message);
    await shot(page, 14, 'county-close-refused-without-proof');
    await rectification.uploadProof({
      name: '银行回单.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await shot(page, 15, 'county-close-proof-uploaded');
    await expect(rectification.confirmClose()).resolves.toBeNull();
    await page
      .locator('[data-test=problem-list] [data-test=item-state][data-state=closed]')
      .waitFor();
    await expect(rectification.proofFiles.innerText()).resolves.toContain('银行回单.pdf');
    await expect(page.locator('[data-test=closed-count]').innerText()).resolves.toBe('1/1');
    const closed = (await federation.http(JINGXING, 'GET', `/rectifications/${rectificationId}`))
      .body.items[0];
    expect(closed).toMatchObject({ status: 'closed', proof: null, closedBy: names.countyOffice });
    expect(closed.proofFiles).toEqual([
      expect.objectContaining({
        filename: '银行回单.pdf',
        sha256: createHash('sha256').update(PDF).digest('hex'),
        uploadedBy: names.countyOffice,
      }),
    ]);
    await shot(page, 16, 'county-item-closed');
    await expect(rectification.exportLedger()).resolves.toMatch(/\.xlsx$/);
  }, 180_000);

  it('collects the progress report’s three signatures, the page saying who has still to sign until no one is left', async () => {
    const office = await signedIn(JINGXING, names.countyOffice);
    const byOffice = new RectificationPage(office);
    await byOffice.open(url(JINGXING), rectificationId);
    await byOffice.submitProgressReport(
      '整改进展情况：违规发放的补贴已全额清退，财务管理制度已修订。',
    );
    await expect(byOffice.awaiting.innerText()).resolves.toBe(
      '尚需 监督检查室、组织部门、巡视巡察办 签署',
    );
    // The office is offered its own signature only.
    await expect(byOffice.signButton('supervision_office').count()).resolves.toBe(0);
    await expect(byOffice.signButton('organization_department').count()).resolves.toBe(0);
    await byOffice.showProgressReports();
    await shot(office, 17, 'county-progress-submitted');
    await byOffice.sign('inspection_office');
    await expect(byOffice.awaiting.innerText()).resolves.toBe('尚需 监督检查室、组织部门 签署');

    // 监督检查室 finds the report among its to-dos and signs for its office.
    const supervision = await signedIn(JINGXING, names.supervision);
    const bySupervision = new RectificationPage(supervision);
    await bySupervision.openFromWorkbench(organizationName);
    await expect(bySupervision.awaiting.innerText()).resolves.toBe(
      '尚需 监督检查室、组织部门 签署',
    );
    await expect(bySupervision.signButton('organization_department').count()).resolves.toBe(0);
    await bySupervision.showProgressReports();
    await shot(supervision, 18, 'county-supervision-to-sign');
    await bySupervision.sign('supervision_office');
    await expect(bySupervision.awaiting.innerText()).resolves.toBe('尚需 组织部门 签署');
    await expect(bySupervision.signButton('supervision_office').count()).resolves.toBe(0);

    const organization = await signedIn(JINGXING, names.organization);
    const byOrganization = new RectificationPage(organization);
    await byOrganization.openFromWorkbench(organizationName);
    await expect(byOrganization.awaiting.innerText()).resolves.toBe('尚需 组织部门 签署');
    await byOrganization.sign('organization_department');
    await expect(byOrganization.awaiting.innerText()).resolves.toBe('三方已全部签署');
    await expect(byOrganization.awaiting.getAttribute('data-complete')).resolves.toBe('true');
    await byOrganization.showProgressReports();
    // Each signature names its signer as colleagues know them, not by account.
    for (const signer of [names.countyOffice, names.supervision, names.organization])
      await organization.getByText(`已签署：${people[signer]}`).waitFor();
    await shot(organization, 19, 'county-all-signed');

    const { body } = await federation.http(JINGXING, 'GET', `/rectifications/${rectificationId}`);
    expect(body.progressReports[0]).toMatchObject({ complete: true, awaiting: [] });
    expect(
      body.progressReports[0].signatures.map((s: { office: string; signedBy: string }) => [
        s.office,
        s.signedBy,
      ]),
    ).toEqual([
      ['inspection_office', names.countyOffice],
      ['supervision_office', names.supervision],
      ['organization_department', names.organization],
    ]);
    // The deadline's countdown ends with the report.
    await office.reload();
    await expect(byOffice.daysLeft.innerText()).resolves.toBe('已报送整改进展情况报告');
    await shot(office, 20, 'county-rectification-reported');
  }, 180_000);

  it('records the disclosure (整改公开) and schedules a follow-up (回头看) in a follow-up round', async () => {
    // After the inspection's own window: the follow-up verifies what was closed.
    const day = (ahead: number) => chinaDate(new Date(Date.now() + ahead * 86_400_000));
    const window = { windowStart: day(100), windowEnd: day(130) };
    const theme = `整改“回头看”${tag}`;
    const round = await federation.http(JINGXING, 'POST', '/rounds', {
      type: 'follow_up',
      theme,
      ...window,
    });
    expect(round.status).toBe(201);
    const page = await signedIn(JINGXING, names.countyOffice);
    const rectification = new RectificationPage(page);
    await rectification.open(url(JINGXING), rectificationId);
    const text = '整改进展情况已在井陉县人民政府网站公开。';
    await rectification.disclose(text);
    await expect(rectification.disclosure.innerText()).resolves.toContain(text);
    await rectification.scheduleFollowUp(theme);
    const { body } = await federation.http(JINGXING, 'GET', `/rectifications/${rectificationId}`);
    expect(body).toMatchObject({ disclosureText: text });
    expect(body.followUpInspectionId).toEqual(expect.any(String));
    const inspection = await federation.http(
      JINGXING,
      'GET',
      `/inspections/${body.followUpInspectionId}`,
    );
    expect(inspection.body).toMatchObject({ roundId: round.body.id, status: 'planned' });
    await expect(page.locator('[data-test=follow-up]').count()).resolves.toBe(0);
    await shot(page, 21, 'county-disclosed-follow-up');
  }, 120_000);
});
