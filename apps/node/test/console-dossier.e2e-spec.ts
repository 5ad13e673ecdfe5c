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
import { FindingDraftPage } from './console/pages/finding-draft.page';
import { FindingListPage } from './console/pages/finding-list.page';
import { FindingPage } from './console/pages/finding.page';
import { MyInspectionsPage } from './console/pages/my-inspections.page';
import { ReportsPage } from './console/pages/reports.page';
import { pdf, png, sha256 } from './console/test-files';
import { HEBEI_SAMPLE_TREE, importOrganizations, waitForRegistrations } from './support';

const CITY = '130100';
const JINGXING = '130121';
const PASSWORD = 'a long test password';
const BASIS = '《中国共产党纪律处分条例》第一百零五条';
const DAY = 86_400_000;
const PHONE = { width: 390, height: 844 };

interface Team {
  inspectionId: string;
  organizationCode: string;
  organizationName: string;
  leader: string;
  deputy: string;
  member: string;
  /** The team's names, as the console shows people (user name → name). */
  names: Record<string, string>;
}

/**
 * The evidence dossier in Debian's Chromium at 井陉县 (the city runs above it): users, team and
 * inspection are made through the API; the finding's people do the rest in the browser — the
 * member drafts with a PNG and a PDF, the deputy leader checks, the leader signs and finalizes,
 * the leading group decides, the office gives feedback. The drafting page on a 390 px phone
 * with a photo through the camera input; a refused finalization listing its finding as a link;
 * a withdrawal and a corrected version compared side by side.
 */
describe('the evidence dossier in a browser', () => {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 4),
    env: { CONSOLE_DIR },
  });
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  const url = () => federation.node(JINGXING).url as string;
  const http = (method: string, path: string, body?: unknown) =>
    federation.http(JINGXING, method, path, body);
  const tag = () => randomBytes(3).toString('hex');
  let office: string;
  let group: string;

  async function user(username: string, displayName: string, roles: string[]): Promise<string> {
    const created = await http('POST', '/users', {
      username,
      displayName,
      password: PASSWORD,
      roles,
    });
    if (created.status !== 201)
      throw new Error(`user ${username}: ${JSON.stringify(created.body)}`);
    return username;
  }
  async function as(username: string, method: string, path: string, body?: unknown) {
    const token = await federation.signIn(JINGXING, username, PASSWORD);
    return federation.httpAs(JINGXING, token, method, path, body);
  }

  /** An organization of 井陉县, an inspection of it in a round, and a team of three with accounts. */
  async function team(name: string): Promise<Team> {
    const t = tag();
    const organizationCode = `D-${t}`;
    const organizationName = `${name}${t}`;
    await importOrganizations(federation, JINGXING, [
      [organizationCode, organizationName, '党政机关部门', '', '县级'],
    ]);
    const now = Date.now();
    const { body: round } = await http('POST', '/rounds', {
      type: 'regular',
      theme: `第${t}轮巡察`,
      windowStart: chinaDate(new Date(now - 30 * DAY)),
      windowEnd: chinaDate(new Date(now + 90 * DAY)),
    });
    const inspection = await http('POST', `/rounds/${round.id}/inspections`, { organizationCode });
    if (inspection.status !== 201) throw new Error(JSON.stringify(inspection.body));
    const person = async (role: string, label: string, roles: string[]) => {
      const username = await user(`${role}-${t}`, `${label}${t}`, roles);
      const { body } = await http('POST', '/personnel', {
        name: `${label}${t}`,
        sourceBody: 'discipline',
        homeJurisdiction: JINGXING,
        homeUnitName: '县纪委监委',
        username,
      });
      return { username, id: body.id as string };
    };
    const leader = await person('leader', '组长', ['team_leader']);
    const deputy = await person('deputy', '副组长', ['team_member']);
    const member = await person('member', '成员', ['team_member']);
    const formed = await http('PUT', `/inspections/${inspection.body.id}/team`, {
      leaderId: leader.id,
      deputyLeaderId: deputy.id,
      memberIds: [member.id],
    });
    if (formed.status !== 200) throw new Error(JSON.stringify(formed.body));
    return {
      inspectionId: inspection.body.id,
      organizationCode,
      organizationName,
      leader: leader.username,
      deputy: deputy.username,
      member: member.username,
      names: {
        [leader.username]: `组长${t}`,
        [deputy.username]: `副组长${t}`,
        [member.username]: `成员${t}`,
      },
    };
  }

  /** A finding drafted by the member through the API, with a PDF, checked and signed. */
  async function signedFinding(t: Team, title: string): Promise<string> {
    const { body } = await as(t.member, 'POST', `/inspections/${t.inspectionId}/findings`, {
      title,
      facts: `${title}的事实。`,
      basis: BASIS,
    });
    const token = await federation.signIn(JINGXING, t.member, PASSWORD);
    const sent = await fetch(
      `${url()}/findings/${body.id}/evidence?filename=${encodeURIComponent('凭证.pdf')}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/pdf', authorization: `Bearer ${token}` },
        body: pdf(),
      },
    );
    if (sent.status !== 201) throw new Error(await sent.text());
    for (const [who, step] of [
      [t.deputy, 'check'],
      [t.leader, 'sign'],
    ] as const) {
      const done = await as(who, 'POST', `/findings/${body.id}/${step}`);
      if (done.status !== 201) throw new Error(JSON.stringify(done.body));
    }
    return body.id;
  }

  async function signedIn(
    username: string,
    viewport?: typeof PHONE,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const tab = viewport
      ? await (async () => {
          const context = await browser.newContext({
            viewport,
            isMobile: true,
            hasTouch: true,
            deviceScaleFactor: 2,
            locale: 'zh-CN',
            timezoneId: 'Asia/Shanghai',
          });
          const page = await context.newPage();
          page.on('pageerror', (error) => console.error(`console page error: ${error.message}`));
          return { context, page };
        })()
      : await openTab(browser);
    await signInAt(tab.page, url(), username, PASSWORD);
    return tab;
  }

  /** Whether the page is wider than the screen (a horizontal scroll bar). */
  const scrollsSideways = (page: Page) =>
    page.evaluate(() => {
      const root = (globalThis as any).document.documentElement;
      return root.scrollWidth > root.clientWidth + 1;
    });

  beforeAll(async () => {
    buildConsole();
    await federation.start({ except: ['000000', '130000'] });
    await waitForRegistrations(federation, CITY);
    office = await user(`office-${tag()}`, '县委巡察办', ['inspection_office']);
    group = await user(`group-${tag()}`, '县委巡察工作领导小组', ['leading_group']);
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 300_000);
  afterAll(async () => {
    await closeBrowser?.();
    await federation.stop();
  });

  it('shows each person the inspections of their teams with their role, linking to the findings', async () => {
    const t = await team('井陉县交通运输局党组');
    for (const [who, role] of [
      [t.leader, '组长'],
      [t.deputy, '副组长'],
      [t.member, '成员'],
    ]) {
      const { context, page } = await signedIn(who);
      const mine = await new MyInspectionsPage(page).open();
      expect((await mine.role(t.organizationCode)).trim()).toBe(role);
      if (who === t.deputy) await screenshot(page, 'dossier-01-my-inspections');
      await context.close();
    }
    const { context, page } = await signedIn(t.member, PHONE);
    const mine = await new MyInspectionsPage(page).open();
    await screenshot(page, 'dossier-02-my-inspections-phone');
    expect(await scrollsSideways(page)).toBe(false);
    await mine.openFindings(t.organizationCode);
    await page.locator('[data-test=draft-finding]').waitFor();
    await context.close();
    // The office is on no team: the menu does not offer 我的巡察.
    const officeTab = await signedIn(office);
    await expect(officeTab.page.locator('[data-test=menu-my-inspections]').count()).resolves.toBe(
      0,
    );
    await officeTab.context.close();
  });

  it('takes a finding from draft to feedback in the browser, each step by its person', async () => {
    const t = await team('井陉县住房和城乡建设局党组');
    const photo = png();
    const voucher = pdf();
    const title = '违规发放津贴补贴';

    // 成员 drafts, with a photo and a PDF, and sees each file's SHA-256 confirmed by the node.
    const member = await signedIn(t.member);
    const list = await new FindingListPage(member.page).goto(url(), t.inspectionId);
    await screenshot(member.page, 'dossier-03-findings-empty');
    await list.draft();
    const draft = new FindingDraftPage(member.page);
    await draft.fill({
      title,
      facts: '2026年该局以加班费名义向班子成员发放补贴12万元。',
      basis: BASIS,
      category: '作风建设（含落实中央八项规定精神）',
    });
    await draft.choose(
      { name: '现场照片.png', mimeType: 'image/png', buffer: photo },
      { name: '会计凭证.pdf', mimeType: 'application/pdf', buffer: voucher },
    );
    expect(await draft.localHash('现场照片.png')).toBe(sha256(photo));
    expect(await draft.localHash('会计凭证.pdf')).toBe(sha256(voucher));
    expect(await draft.facts('会计凭证.pdf')).toEqual({
      type: 'PDF 文档',
      size: `${voucher.length} B`, // under 1 KB
    });
    expect((await draft.facts('现场照片.png')).type).toBe('PNG 图片');
    await screenshot(member.page, 'dossier-04-draft-filled');
    expect(await draft.save()).toContain('证据材料已全部上传');
    expect(await draft.check('现场照片.png')).toContain('与本机计算一致');
    expect(await draft.check('会计凭证.pdf')).toContain('与本机计算一致');
    await screenshot(member.page, 'dossier-05-draft-saved');
    await draft.openSaved();
    const finding = new FindingPage(member.page);
    const findingId = finding.id();
    // The category chosen in the form is the finding's (举一反三 counts by it).
    expect(await finding.category()).toBe('作风建设（含落实中央八项规定精神）');
    expect(await finding.evidenceFacts('会计凭证.pdf')).toMatchObject({
      type: 'PDF 文档',
      sha256: sha256(voucher),
    });
    // The member drafts; checking is the deputy leader's, signing the leader's.
    expect(await finding.offered()).toEqual(['edit']);
    const steps = await finding.steps();
    expect(steps.map((s) => [s.key, s.state])).toEqual([
      ['drafted', 'done'],
      ['checked', 'current'],
      ['signed', 'waiting'],
    ]);
    // Each step names its person as colleagues know them, not by account.
    await finding.waitForStepBy('drafted', t.names[t.member]);
    expect((await finding.steps())[0].text).not.toContain(t.member);
    const shown = await finding.preview('现场照片.png');
    await expect(shown.locator('[data-test=preview-check]').innerText()).resolves.toContain('一致');
    // The image the node sent is shown, at its own size (the page's policy lets object URLs in).
    const image = shown.locator('[data-test=preview-image]');
    await image.waitFor();
    await member.page.waitForFunction(
      (img: any) => img.complete && img.naturalWidth > 0,
      await image.elementHandle(),
    );
    const natural = await image.evaluate((img: any) => `${img.naturalWidth}x${img.naturalHeight}`);
    expect(natural).toBe('120x80');
    await screenshot(member.page, 'dossier-06-preview-image');
    await finding.closePreview();
    await member.context.close();

    // 副组长 checks.
    const deputy = await signedIn(t.deputy);
    const checking = await new FindingPage(deputy.page).goto(url(), t.inspectionId, findingId);
    expect(await checking.offered()).toEqual(['edit', 'check']);
    await checking.check();
    await deputy.context.close();

    // 组长 signs; the steps name who checked and signed.
    const leader = await signedIn(t.leader);
    const signing = await new FindingPage(leader.page).goto(url(), t.inspectionId, findingId);
    expect(await signing.offered()).toEqual(['sign', 'return']);
    await signing.sign();
    const signed = await signing.steps();
    expect(signed.map((s) => s.state)).toEqual(['done', 'done', 'done']);
    await signing.waitForStepBy('checked', t.names[t.deputy]);
    await signing.waitForStepBy('signed', t.names[t.leader]);
    const pdfShown = await signing.preview('会计凭证.pdf');
    await pdfShown.locator('[data-test=preview-pdf]').waitFor();
    await screenshot(leader.page, 'dossier-07-preview-pdf');
    await signing.closePreview();
    await leader.page.reload();
    await leader.page.locator('[data-test=trail]').waitFor();
    const trail = await signing.trail();
    expect(trail.map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual([
      `${t.names[t.member]} 起草问题`,
      `${t.names[t.member]} 上传证据材料`,
      `${t.names[t.member]} 上传证据材料`,
      `${t.names[t.member]} 查阅证据材料`,
      `${t.names[t.deputy]} 副组长审核`,
      `${t.names[t.leader]} 组长签字`,
      `${t.names[t.leader]} 查阅证据材料`,
    ]);
    await screenshot(leader.page, 'dossier-08-finding-signed');
    await leader.page
      .locator('[data-test=trail]')
      .screenshot({ path: join(SCREENSHOTS, 'dossier-08b-finding-trail.png') });

    const leaderList = await new FindingListPage(leader.page).goto(url(), t.inspectionId);
    expect((await leaderList.status(title)).trim()).toBe('已签字');
    await screenshot(leader.page, 'dossier-08c-findings-list');

    // 组长 finalizes the report (the API's rule: the team leader, not the office).
    const reports = await new ReportsPage(leader.page).goto(url(), t.inspectionId);
    await screenshot(leader.page, 'dossier-09-reports-empty');
    await reports.finalize('巡察发现问题1个，涉及违规发放津贴补贴。');
    await reports.version(1).waitFor();
    await expect(reports.version(1).innerText()).resolves.toContain('待领导小组决定');
    await expect(reports.button('decide').count()).resolves.toBe(0);
    await leader.context.close();

    // 领导小组 decides; the office is not offered the decision.
    const officeTab = await signedIn(office);
    const officeReports = await new ReportsPage(officeTab.page).goto(url(), t.inspectionId);
    await expect(officeReports.button('decide').count()).resolves.toBe(0);
    await expect(officeReports.button('feedback').count()).resolves.toBe(0);
    const groupTab = await signedIn(group);
    const groupReports = await new ReportsPage(groupTab.page).goto(url(), t.inspectionId);
    await expect(groupReports.button('finalize').count()).resolves.toBe(0);
    await groupReports.decide('同意巡察报告，按程序向被巡察党组织反馈。');
    await screenshot(groupTab.page, 'dossier-10-report-decided');
    await groupTab.context.close();

    // 巡察办 gives feedback once decided.
    await officeTab.page.reload();
    await officeReports.feedback('反馈意见：发现问题1个，要求限期整改。');
    await expect(
      officeTab.page.locator('[data-test=feedback-given]').innerText(),
    ).resolves.toContain('要求限期整改');
    await screenshot(officeTab.page, 'dossier-11-feedback-given');
    await officeTab.context.close();
    const { body: inspection } = await http('GET', `/inspections/${t.inspectionId}`);
    expect(inspection.status).toBe('feedback_given');
  });

  it('drafts on a 390 px phone, with a photo through the camera input and its SHA-256', async () => {
    const t = await team('井陉县自然资源和规划局党组');
    const photo = png(160, 120);
    const { context, page } = await signedIn(t.member, PHONE);
    const draft = await new FindingDraftPage(page).goto(url(), t.inspectionId);
    await expect(draft.cameraInput.getAttribute('capture')).resolves.toBe('environment');
    await expect(draft.cameraInput.getAttribute('accept')).resolves.toBe('image/*,application/pdf');
    await draft.fill({
      title: '耕地保护责任落实不到位',
      facts: '2026年发现违法占用耕地3处，未及时制止。',
      basis: BASIS,
    });
    await draft.takePhoto({ name: 'IMG_20261201_0930.png', mimeType: 'image/png', buffer: photo });
    expect(await draft.localHash('IMG_20261201_0930.png')).toBe(sha256(photo));
    // One column: the form and the file list fit the screen.
    expect(await scrollsSideways(page)).toBe(false);
    const formBox = await page.locator('[data-test=finding-facts]').boundingBox();
    expect(formBox && formBox.x + formBox.width).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'dossier-12-phone-draft');
    await draft.save();
    expect(await draft.check('IMG_20261201_0930.png')).toContain('与本机计算一致');
    await screenshot(page, 'dossier-13-phone-draft-saved');
    await draft.openSaved();
    const finding = new FindingPage(page);
    expect((await finding.evidenceFacts('IMG_20261201_0930.png')).sha256).toBe(sha256(photo));
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'dossier-14-phone-finding');
    await context.close();

    // The deputy leader checks on the phone too.
    const deputy = await signedIn(t.deputy, PHONE);
    const checking = await new FindingPage(deputy.page).goto(url(), t.inspectionId, finding.id());
    await checking.check();
    expect(await scrollsSideways(deputy.page)).toBe(false);
    await screenshot(deputy.page, 'dossier-15-phone-checked');
    await deputy.context.close();
  });

  it('lists the incomplete findings of a refused finalization as links; withdrawn and corrected versions compared', async () => {
    const t = await team('井陉县卫生健康局党组');
    const kept = await signedFinding(t, '公务接待超标准');
    const dropped = await signedFinding(t, '重复报销差旅费');
    const { body: draft } = await as(t.member, 'POST', `/inspections/${t.inspectionId}/findings`, {
      title: '档案管理不规范',
      facts: '2025年度会议记录缺失。',
    });

    const leader = await signedIn(t.leader);
    const reports = await new ReportsPage(leader.page).goto(url(), t.inspectionId);
    await reports.finalize('巡察发现问题3个。');
    await expect(reports.problem().innerText()).resolves.toContain('以下问题尚不完整');
    const links = reports.incompleteLinks();
    await expect(links.allInnerTexts()).resolves.toEqual(['《档案管理不规范》']);
    await expect(reports.problem().innerText()).resolves.toContain('缺少证据材料、定性依据');
    await screenshot(leader.page, 'dossier-16-finalize-refused');
    await links.first().click();
    const opened = new FindingPage(leader.page);
    await leader.page.locator('[data-test=finding-title]', { hasText: '档案管理不规范' }).waitFor();
    expect(opened.id()).toBe(draft.id);
    await leader.context.close();

    // The office withdraws the unfinished one, with a reason; the leader finalizes version 1.
    const officeTab = await signedIn(office);
    const officeFinding = new FindingPage(officeTab.page);
    const withdraw = async (id: string, reason: string) => {
      await officeFinding.goto(url(), t.inspectionId, id);
      expect(await officeFinding.offered()).toEqual(['withdraw']);
      await officeFinding.withdraw(reason);
    };
    await withdraw(draft.id, '证据不足，从报告中撤回。');
    await expect(
      officeTab.page.locator('[data-test=withdrawn-note]').innerText(),
    ).resolves.toContain('证据不足');
    await screenshot(officeTab.page, 'dossier-17-withdrawn');
    const again = await signedIn(t.leader);
    const second = await new ReportsPage(again.page).goto(url(), t.inspectionId);
    await second.finalize('巡察发现问题2个。');
    await second.version(1).waitFor();
    await expect(second.version(1).innerText()).resolves.toContain('2 个问题');

    // After version 1 the office withdraws a finding it holds; a new one is signed; version 2
    // corrects version 1, and the two are compared finding by finding.
    await withdraw(dropped, '与其他问题重复，从报告中撤回。');
    await officeTab.context.close();
    await signedFinding(t, '违规使用公车');
    await again.page.reload();
    await second.finalize('巡察发现问题2个（更正）。', '撤回重复问题，补充违规使用公车问题。');
    await second.version(2).waitFor();
    await expect(second.version(2).innerText()).resolves.toContain('补充违规使用公车问题');
    await expect(second.version(1).innerText()).resolves.toContain('已被第2版更正');
    const diff = second.diff();
    await expect(diff.locator('[data-test=diff-counts]').innerText()).resolves.toContain(
      '新增 1 个、删除 1 个、修改 0 个、未变 1 个',
    );
    await expect(diff.locator('[data-test=diff-added]').innerText()).resolves.toContain(
      '违规使用公车',
    );
    await expect(diff.locator('[data-test=diff-removed]').innerText()).resolves.toContain(
      '重复报销差旅费',
    );
    await expect(diff.locator('[data-test=diff-same]').innerText()).resolves.toContain(
      '公务接待超标准',
    );
    await expect(
      diff.locator('[data-test=diff-summary] .added').allInnerTexts(),
    ).resolves.toContain('（更正）');
    // Each finding of the comparison links to its page.
    await expect(
      diff.locator(`[data-test=diff-same] a[href$="/findings/${kept}"]`).count(),
    ).resolves.toBe(1);
    await screenshot(again.page, 'dossier-18-report-diff');
    await diff.screenshot({ path: join(SCREENSHOTS, 'dossier-18b-report-diff-detail.png') });
    await again.context.close();
    const phone = await signedIn(t.leader, PHONE);
    await new ReportsPage(phone.page).goto(url(), t.inspectionId);
    await phone.page.locator('[data-test=report-diff]').waitFor();
    expect(await scrollsSideways(phone.page)).toBe(false);
    await screenshot(phone.page, 'dossier-19-phone-report-diff');
    await phone.context.close();
  });
});
