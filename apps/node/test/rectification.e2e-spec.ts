import { NODE_LAUNCHER } from '../src/launch';
import { createHash } from 'node:crypto';
import { SettableClock } from '@liandong/messaging';
import { ReferralMadeV1, uuidv7 } from '@liandong/protocol';
import { InProcessFederation } from '@liandong/local-federation';
import {
  HEBEI_SAMPLE_TREE,
  importOrganizations,
  inAMonth,
  refusedBy,
  waitFor,
  waitForRegistrations,
} from './support';

const CENTRAL = '000000';
const CITY = '130100';
const COUNTY = '130121';
const SIBLING = '130123';
const DAY = 86_400_000;

/** 2026-11-20 10:00 in China: before the 3-month rule takes effect on 2026-12-01. */
const clock = new SettableClock(new Date('2026-11-20T02:00:00Z'));
const PASSWORD = 'a long test password';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * From finding to rectification on real nodes, PostgreSQL and NATS, with an injected clock:
 * the review chain, evidence, reports and their versions, the leading group's decision,
 * feedback, a clue referred up to the city's discipline body, rectification under the
 * 2-then-3-month rule with its alerts, signatures, proof, disclosure and follow-up.
 */
describe('from finding to rectification', () => {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.filter((n) => n.nodeId !== '130125'),
    clock,
    env: { ALERT_SWEEP_MS: '100' },
  });
  const window = { windowStart: '2026-11-01', windowEnd: '2027-01-31' };

  /** Calls a node as one of its users (signing in each time: the clock jumps months). */
  interface Caller {
    (method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
    node: string;
    username: string;
  }

  /** A user with the given roles, and a way to call the node as them. */
  async function user(node: string, username: string, roles: string[]): Promise<Caller> {
    const created = await federation.http(node, 'POST', '/users', {
      username,
      displayName: username,
      password: PASSWORD,
      roles,
    });
    expect(created.status).toBe(201);
    const call = (async (method: string, path: string, body?: unknown) =>
      federation.httpAs(
        node,
        await federation.signIn(node, username, PASSWORD),
        method,
        path,
        body,
      )) as Caller;
    return Object.assign(call, { node, username });
  }

  async function person(node: string, name: string, username?: string): Promise<string> {
    const { status, body } = await federation.http(node, 'POST', '/personnel', {
      name,
      sourceBody: 'discipline',
      homeJurisdiction: node,
      homeUnitName: '纪委监委',
      ...(username ? { username } : {}),
    });
    expect(status).toBe(201);
    return body.id;
  }

  /** A team of three with accounts (leader, deputy, member) for a new inspection of `code`. */
  async function teamFor(node: string, code: string, tag: string, extra: object = {}) {
    const { body: round } = await federation.http(node, 'POST', '/rounds', {
      type: 'regular',
      theme: `第${tag}轮巡察`,
      ...window,
    });
    const inspection = await federation.http(node, 'POST', `/rounds/${round.id}/inspections`, {
      organizationCode: code,
      ...extra,
    });
    expect(inspection.status).toBe(201);
    const leader = await user(node, `leader${tag}`, ['team_leader']);
    const deputy = await user(node, `deputy${tag}`, ['team_member']);
    const member = await user(node, `member${tag}`, ['team_member']);
    const team = await federation.http(node, 'PUT', `/inspections/${inspection.body.id}/team`, {
      leaderId: await person(node, `组长${tag}`, `leader${tag}`),
      deputyLeaderId: await person(node, `副组长${tag}`, `deputy${tag}`),
      memberIds: [await person(node, `成员${tag}`, `member${tag}`)],
    });
    expect(team.status).toBe(200);
    return { id: inspection.body.id as string, leader, deputy, member };
  }

  /** Drafted by the member with evidence, checked by the deputy, signed by the leader. */
  async function signedFinding(
    inspectionId: string,
    team: { leader: Caller; deputy: Caller; member: Caller },
    title: string,
  ): Promise<string> {
    const drafted = await team.member('POST', `/inspections/${inspectionId}/findings`, {
      title,
      facts: `${title}的事实。`,
      basis: '《中国共产党纪律处分条例》',
    });
    expect(drafted.status).toBe(201);
    await uploadEvidence(drafted.body.id, team.member, 'application/pdf', PDF);
    expect((await team.deputy('POST', `/findings/${drafted.body.id}/check`)).status).toBe(201);
    expect((await team.leader('POST', `/findings/${drafted.body.id}/sign`)).status).toBe(201);
    return drafted.body.id;
  }

  async function uploadEvidence(
    findingId: string,
    as: Caller,
    type: string,
    data: Buffer,
    filename = '凭证.pdf',
  ) {
    const token = await federation.signIn(as.node, as.username, PASSWORD);
    const response = await fetch(
      `${federation.node(as.node).url}/findings/${findingId}/evidence?filename=${encodeURIComponent(filename)}`,
      {
        method: 'POST',
        headers: { 'content-type': type, authorization: `Bearer ${token}` },
        body: data,
      },
    );
    return { status: response.status, body: (await response.json()) as any };
  }

  /** The evidence file as downloaded, with its headers. */
  async function downloadEvidence(findingId: string, evidenceId: string, as: Caller) {
    const token = await federation.signIn(as.node, as.username, PASSWORD);
    return fetch(`${federation.node(as.node).url}/findings/${findingId}/evidence/${evidenceId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
  }

  /** The team leader finalizes the report; the leading group decides; the office gives feedback. */
  async function reportAndFeedback(node: string, inspectionId: string, leader: Caller) {
    const report = await leader('POST', `/inspections/${inspectionId}/reports`, {
      summary: '巡察报告。',
    });
    expect(report.status).toBe(201);
    await federation.http(node, 'POST', `/reports/${report.body.id}/decision`, {
      decision: '同意反馈',
    });
    const feedback = await federation.http(node, 'POST', `/inspections/${inspectionId}/feedback`, {
      summary: '反馈意见。',
    });
    expect(feedback.status).toBe(201);
  }

  async function rectificationOf(node: string, inspectionId: string) {
    return waitFor(`${node} to open the rectification of ${inspectionId}`, async () => {
      const { body } = await federation.http(node, 'GET', '/rectifications');
      const found = (body as Array<{ id: string; inspectionId: string }>).find(
        (r) => r.inspectionId === inspectionId,
      );
      return found
        ? (await federation.http(node, 'GET', `/rectifications/${found.id}`)).body
        : undefined;
    });
  }

  let county: { id: string; leader: Caller; deputy: Caller; member: Caller };
  let findingId: string;
  let rectificationId: string;

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, CENTRAL);
    await importOrganizations(federation, COUNTY, [
      ['C-01', '井陉县某局党组', '党政机关部门', '', '县级'],
      ['C-02', '井陉县某镇党委', '乡镇（街道）', '', '县级'],
      ['C-03', '井陉县某村党支部', '村', 'C-02', '县级'],
      ['C-04', '井陉县某公司党委', '国有企业', '', '县级'],
    ]);
    // The backbone changes the rule: progress reports due 3 months after feedback from 2026-12-01.
    const directive = await federation.http(CENTRAL, 'POST', '/directives', {
      title: '关于整改进展报告时限的通知',
      body: '自2026年12月1日起，整改进展情况报告时限调整为反馈后3个月。',
      scope: 'subtree',
      reportDueAt: inAMonth(),
      issuedBy: '中央巡视办',
      policies: [
        { key: 'rectification.progress_report_months', value: 3, effectiveFrom: '2026-12-01' },
      ],
    });
    expect(directive.status).toBe(201);
    await waitFor('the county to hold the new rule', async () => {
      const { status } = await federation.http(COUNTY, 'GET', `/directives/${directive.body.id}`);
      return status === 200;
    });
  });
  afterAll(() => federation.stop());

  it('takes a finding through draft, evidence, check and signature, each step by its role and audited', async () => {
    county = await teamFor(COUNTY, 'C-01', '1');

    const byOffice = await federation.http(COUNTY, 'POST', `/inspections/${county.id}/findings`, {
      title: 'x',
      facts: 'y',
    });
    expect(byOffice.status).toBe(403);
    const drafted = await county.member('POST', `/inspections/${county.id}/findings`, {
      title: '违规发放津贴补贴',
      facts: '2025年以加班费名义发放补贴12万元。',
    });
    expect(drafted.status).toBe(201);
    expect(drafted.body).toMatchObject({ status: 'drafted', statusLabel: '已起草', basis: null });
    findingId = drafted.body.id;
    const twice = await federation.http(COUNTY, 'POST', '/personnel', {
      name: '重名',
      sourceBody: 'audit',
      homeJurisdiction: COUNTY,
      homeUnitName: '审计局',
      username: 'member1',
    });
    expect(twice.body.error).toBe('USERNAME_TAKEN');
    const unsigned = await federation.http(COUNTY, 'POST', `/findings/${findingId}/referrals`, {
      kind: 'audit',
      content: 'x',
    });
    expect(unsigned.body.error).toBe('FINDING_NOT_SIGNED');

    // Evidence: the type must be accepted and the bytes must be what the type says.
    expect((await uploadEvidence(findingId, county.member, 'image/gif', PDF)).status).toBe(400);
    const lying = await uploadEvidence(findingId, county.member, 'image/png', PDF);
    expect(lying.status).toBe(400);
    expect(lying.body.message).toContain('image/png');
    const stored = await uploadEvidence(findingId, county.member, 'application/pdf', PDF);
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({
      size: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
      contentType: 'application/pdf',
    });

    // The report refuses, naming the finding and what it lacks.
    const early = await county.leader('POST', `/inspections/${county.id}/reports`, {
      summary: '报告',
    });
    expect(early.status).toBe(409);
    expect(early.body.error).toBe('FINDINGS_INCOMPLETE');
    expect(early.body.message).toContain('《违规发放津贴补贴》缺少定性依据');
    expect(early.body.message).toContain('尚未经组长签字（当前：已起草）');
    expect(early.body.messageEn).toContain('no normative basis');
    expect(early.body.messageEn).toContain('not signed');
    // So does the deputy leader's check: the dossier has no normative basis yet.
    const unfounded = await county.deputy('POST', `/findings/${findingId}/check`);
    expect(unfounded.status).toBe(409);
    expect(unfounded.body).toMatchObject({ error: 'FINDING_INCOMPLETE' });
    expect(unfounded.body.message).toContain('缺少：定性依据');

    expect(
      (
        await county.member('PATCH', `/findings/${findingId}`, {
          basis: '《中国共产党纪律处分条例》第一百零五条',
        })
      ).status,
    ).toBe(200);
    expect((await county.member('POST', `/findings/${findingId}/check`)).body.error).toBe(
      'WRONG_TEAM_ROLE',
    );
    expect((await county.leader('POST', `/findings/${findingId}/sign`)).body.error).toBe(
      'NOT_CHECKED',
    );
    expect((await county.deputy('POST', `/findings/${findingId}/check`)).body.status).toBe(
      'checked',
    );
    expect(
      (await county.member('PATCH', `/findings/${findingId}`, { title: '改' })).body.error,
    ).toBe('FINDING_LOCKED');
    expect((await county.leader('POST', `/findings/${findingId}/sign`)).body).toMatchObject({
      status: 'signed',
      signedBy: 'leader1',
      checkedBy: 'deputy1',
      draftedBy: 'member1',
    });

    // Evidence opens for the team and the office, not for a viewer; reading is audited.
    const read = await county.member('GET', `/findings/${findingId}/evidence/${stored.body.id}`);
    expect(read.status).toBe(200);
    expect(
      (await federation.http(COUNTY, 'GET', `/findings/${findingId}/evidence/${stored.body.id}`))
        .status,
    ).toBe(200);
    const viewer = await user(COUNTY, 'viewer1', ['viewer']);
    expect((await viewer('GET', `/findings/${findingId}/evidence/${stored.body.id}`)).status).toBe(
      403,
    );
    const trail = await federation
      .dataSource(COUNTY)
      .query(`SELECT actor, action FROM audit_entry WHERE subject_id = $1 ORDER BY seq`, [
        findingId,
      ]);
    expect(trail.map((r: { actor: string; action: string }) => `${r.actor} ${r.action}`)).toEqual([
      'user:member1 finding.drafted',
      'user:member1 evidence.added',
      'user:member1 finding.revised',
      'user:deputy1 finding.checked',
      'user:leader1 finding.signed',
      'user:member1 evidence.read',
      'user:clerk evidence.read',
    ]);
  });

  it('finalizes an immutable report, corrects it only as a new version with a reason, and gives feedback after the decision', async () => {
    // Finalizing is the team leader's: the inspection office is refused.
    const byOffice = await federation.http(COUNTY, 'POST', `/inspections/${county.id}/reports`, {
      summary: '发现问题1个。',
    });
    expect(byOffice.status).toBe(403);
    expect(byOffice.body.error).toBe('FORBIDDEN');
    const first = await county.leader('POST', `/inspections/${county.id}/reports`, {
      summary: '发现问题1个。',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ version: 1, reason: null });
    expect(first.body.findings[0]).toMatchObject({ findingId, signedBy: 'leader1' });

    const undecided = await federation.http(COUNTY, 'POST', `/inspections/${county.id}/feedback`, {
      summary: '反馈',
    });
    expect(undecided.status).toBe(409);
    expect(undecided.body.error).toBe('REPORT_NOT_DECIDED');
    const noReason = await county.leader('POST', `/inspections/${county.id}/reports`, {
      summary: '改',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toBe('REASON_REQUIRED');
    const second = await county.leader('POST', `/inspections/${county.id}/reports`, {
      summary: '发现问题1个（更正金额）。',
      reason: '更正涉及金额',
    });
    expect(second.body).toMatchObject({ version: 2, reason: '更正涉及金额' });
    await expect(
      federation
        .dataSource(COUNTY)
        .query(`UPDATE inspection_report SET summary = 'x' WHERE id = $1`, [first.body.id]),
    ).rejects.toThrow(/immutable/);
    expect(
      (
        await federation.http(COUNTY, 'POST', `/reports/${first.body.id}/decision`, {
          decision: '同意',
        })
      ).body.error,
    ).toBe('SUPERSEDED');
    expect(
      (
        await federation.http(COUNTY, 'POST', `/reports/${second.body.id}/decision`, {
          decision: '同意',
        })
      ).status,
    ).toBe(201);

    expect(
      (
        await federation.http(COUNTY, 'POST', `/inspections/${county.id}/feedback`, {
          summary: '反馈',
        })
      ).status,
    ).toBe(201);
    const rectification = await rectificationOf(COUNTY, county.id);
    rectificationId = rectification.id;
    // Feedback on 2026-11-20, before the change: the old rule, 2 months.
    expect(rectification).toMatchObject({
      policyMonths: 2,
      dueOn: '2027-01-20',
      supervisedBy: 'self',
    });
    expect(rectification.items).toHaveLength(1);
    expect(rectification.items[0]).toMatchObject({ findingId, status: 'open' });
    expect(rectification.items[0].problem).toContain('违规发放津贴补贴');
  });

  it('keeps evidence files under a safe base name and sends it back safely', async () => {
    const team = await teamFor(COUNTY, 'C-02', '5');
    const drafted = await team.member('POST', `/inspections/${team.id}/findings`, {
      title: '资料归档不全',
      facts: '谈话笔录未归档。',
    });
    const text = Buffer.from('谈话笔录', 'utf8');
    for (const [sent, kept] of [
      ['../../etc/passwd', 'passwd'],
      ['..\\..\\windows\\win.ini', 'win.ini'],
      ['/etc/passwd', 'passwd'],
    ]) {
      const stored = await uploadEvidence(drafted.body.id, team.member, 'text/plain', text, sent);
      expect(stored.status).toBe(201);
      expect(stored.body.filename).toBe(kept);
      const file = await downloadEvidence(drafted.body.id, stored.body.id, team.member);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-disposition')).toBe(
        `attachment; filename="${kept}"; filename*=UTF-8''${kept}`,
      );
      expect(Buffer.from(await file.arrayBuffer()).equals(text)).toBe(true);
    }
    // A Chinese name travels as RFC 5987 UTF-8, with an ASCII name for older clients.
    const chinese = await uploadEvidence(drafted.body.id, team.member, 'application/pdf', PDF);
    const file = await downloadEvidence(drafted.body.id, chinese.body.id, team.member);
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="evidence.pdf"; filename*=UTF-8''${encodeURIComponent('凭证.pdf')}`,
    );
    const names = await federation
      .dataSource(COUNTY)
      .query(`SELECT filename FROM evidence WHERE finding_id = $1`, [drafted.body.id]);
    expect(names.map((r: { filename: string }) => r.filename).sort()).toEqual([
      'passwd',
      'passwd',
      'win.ini',
      '凭证.pdf',
    ]);
  });

  it('holds the evidence dossier at check and signature, returns to draft and withdraws with a reason, audited', async () => {
    const team = await teamFor(COUNTY, 'C-02', '4');
    const findingsOf = async () =>
      (await federation.http(COUNTY, 'GET', `/inspections/${team.id}/findings`)).body as Array<{
        id: string;
        status: string;
        statusLabel: string;
      }>;
    const noFindings = await team.leader('POST', `/inspections/${team.id}/reports`, {
      summary: '报告',
    });
    expect(noFindings.status).toBe(409);
    expect(noFindings.body.error).toBe('NO_FINDINGS');

    // Blank text never enters a dossier.
    const blank = await team.member('POST', `/inspections/${team.id}/findings`, {
      title: '   ',
      facts: '　 ',
    });
    expect(blank.status).toBe(400);
    expect(blank.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'facts',
      'title',
    ]);

    // The deputy leader's check names everything the dossier lacks.
    const a = (
      await team.member('POST', `/inspections/${team.id}/findings`, {
        title: '会议记录缺失',
        facts: '2025年党组会议记录缺失3次。',
      })
    ).body.id as string;
    const checkA = () => team.deputy('POST', `/findings/${a}/check`);
    let refused = await checkA();
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('FINDING_INCOMPLETE');
    expect(refused.body.message).toContain('《会议记录缺失》');
    expect(refused.body.message).toContain('缺少：证据材料、定性依据。');
    expect(refused.body.messageEn).toContain('lacks evidence, normative basis');
    await uploadEvidence(a, team.member, 'application/pdf', PDF);
    refused = await checkA();
    expect(refused.body.message).toContain('缺少：定性依据。');
    // Facts that are only spaces (a row written before the rule) count as missing too.
    await federation
      .dataSource(COUNTY)
      .query(`UPDATE finding SET facts = '   ' WHERE id = $1`, [a]);
    refused = await checkA();
    expect(refused.body.message).toContain('缺少：事实、定性依据。');
    const b = (
      await team.member('POST', `/inspections/${team.id}/findings`, {
        title: '公务接待超标',
        facts: '2025年超标准接待5次。',
        basis: '《党政机关国内公务接待管理规定》',
      })
    ).body.id as string;
    refused = await team.deputy('POST', `/findings/${b}/check`);
    expect(refused.body.error).toBe('FINDING_INCOMPLETE');
    expect(refused.body.message).toContain('缺少：证据材料。');

    expect(
      (
        await team.member('PATCH', `/findings/${a}`, {
          facts: '2025年党组会议记录缺失3次。',
          basis: '《中国共产党党组工作条例》',
        })
      ).status,
    ).toBe(200);
    expect((await checkA()).body.status).toBe('checked');
    expect((await team.leader('POST', `/findings/${a}/sign`)).body.status).toBe('signed');
    await uploadEvidence(b, team.member, 'application/pdf', PDF);
    expect((await team.deputy('POST', `/findings/${b}/check`)).body.status).toBe('checked');

    // The leader's signature holds the same gate (rows changed behind the API's back).
    const signB = () => team.leader('POST', `/findings/${b}/sign`);
    const db = federation.dataSource(COUNTY);
    await db.query(`DELETE FROM evidence WHERE finding_id = $1`, [b]);
    refused = await signB();
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('FINDING_INCOMPLETE');
    expect(refused.body.message).toContain('不能签字。缺少：证据材料。');
    await db.query(`UPDATE finding SET basis = NULL WHERE id = $1`, [b]);
    expect((await signB()).body.message).toContain('缺少：证据材料、定性依据。');
    await db.query(`UPDATE finding SET facts = ' ' WHERE id = $1`, [b]);
    refused = await signB();
    expect(refused.body.message).toContain('缺少：事实、证据材料、定性依据。');
    expect(refused.body.message).toContain('退回修改');

    // The leader returns it to draft with a reason; the team completes it and takes it through again.
    expect(
      (await team.member('POST', `/findings/${b}/return`, { reason: '补充证据' })).status,
    ).toBe(403);
    expect((await team.leader('POST', `/findings/${b}/return`, { reason: '  ' })).body.error).toBe(
      'VALIDATION_FAILED',
    );
    const returned = await team.leader('POST', `/findings/${b}/return`, {
      reason: '证据材料缺失，需补充接待清单。',
    });
    expect(returned.status).toBe(201);
    expect(returned.body).toMatchObject({
      status: 'drafted',
      statusLabel: '已起草',
      checkedBy: null,
      signedBy: null,
      returnedReason: '证据材料缺失，需补充接待清单。',
      returnedBy: 'leader4',
    });
    expect(
      (await team.leader('POST', `/findings/${b}/return`, { reason: '再退' })).body.error,
    ).toBe('ALREADY_A_DRAFT');
    await team.member('PATCH', `/findings/${b}`, {
      facts: '2025年超标准接待5次，涉及金额3万元。',
      basis: '《党政机关国内公务接待管理规定》',
    });
    await uploadEvidence(b, team.member, 'application/pdf', PDF);
    expect((await team.deputy('POST', `/findings/${b}/check`)).body.status).toBe('checked');
    expect((await signB()).body.status).toBe('signed');

    const first = await team.leader('POST', `/inspections/${team.id}/reports`, {
      summary: '发现问题2个。',
    });
    expect(first.status).toBe(201);
    expect(first.body.findings.map((f: { findingId: string }) => f.findingId).sort()).toEqual(
      [a, b].sort(),
    );
    // Once a finalized report holds a finding, it is not returned: it is withdrawn.
    const held = await team.leader('POST', `/findings/${a}/return`, { reason: '再核实' });
    expect(held.status).toBe(409);
    expect(held.body.error).toBe('FINDING_IN_REPORT');
    expect(held.body.message).toContain('第1版');

    // The office withdraws a finding from the report; the next version leaves it out.
    expect((await team.leader('POST', `/findings/${b}/withdraw`, { reason: 'x' })).status).toBe(
      403,
    );
    const withdrawn = await federation.http(COUNTY, 'POST', `/findings/${b}/withdraw`, {
      reason: '经核实，接待标准执行的是当时有效的规定。',
    });
    expect(withdrawn.status).toBe(201);
    expect(withdrawn.body).toMatchObject({
      status: 'withdrawn',
      statusLabel: '已撤回',
      withdrawnReason: '经核实，接待标准执行的是当时有效的规定。',
      withdrawnBy: 'clerk',
    });
    expect(
      (await federation.http(COUNTY, 'POST', `/findings/${b}/withdraw`, { reason: '再撤' })).body
        .error,
    ).toBe('ALREADY_WITHDRAWN');
    expect((await team.member('PATCH', `/findings/${b}`, { title: '改' })).body.error).toBe(
      'FINDING_WITHDRAWN',
    );
    // The decided version still holds it: no feedback until a version without it is decided.
    await federation.http(COUNTY, 'POST', `/reports/${first.body.id}/decision`, {
      decision: '同意',
    });
    const stale = await federation.http(COUNTY, 'POST', `/inspections/${team.id}/feedback`, {
      summary: '反馈',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('REPORT_HAS_WITHDRAWN');
    expect(stale.body.message).toContain('《公务接待超标》');
    const second = await team.leader('POST', `/inspections/${team.id}/reports`, {
      summary: '发现问题1个。',
      reason: '撤回公务接待问题',
    });
    expect(second.status).toBe(201);
    expect(second.body.version).toBe(2);
    expect(second.body.findings.map((f: { findingId: string }) => f.findingId)).toEqual([a]);
    expect(
      (await findingsOf()).map((f) => `${f.id === a ? 'a' : 'b'} ${f.statusLabel}`).sort(),
    ).toEqual(['a 已签字', 'b 已撤回']);

    const trail = await db.query(
      `SELECT actor, action, detail FROM audit_entry
       WHERE subject_id = $1 AND action IN ('finding.returned', 'finding.withdrawn') ORDER BY seq`,
      [b],
    );
    expect(trail).toEqual([
      {
        actor: 'user:leader4',
        action: 'finding.returned',
        detail: expect.objectContaining({
          from: 'checked',
          reason: '证据材料缺失，需补充接待清单。',
        }),
      },
      {
        actor: 'user:clerk',
        action: 'finding.withdrawn',
        detail: expect.objectContaining({
          from: 'signed',
          reason: '经核实，接待标准执行的是当时有效的规定。',
        }),
      },
    ]);
    const corrected = await db.query(
      `SELECT detail FROM audit_entry WHERE subject_id = $1 AND action = 'report.corrected'`,
      [team.id],
    );
    expect(corrected[0].detail).toMatchObject({ version: 2, findings: 1, withdrawn: [b] });
  });

  it('gives feedback after the effective date 3 months, keeps 2 for the earlier one, and warns at 20, 10 days and overdue', async () => {
    clock.set(new Date('2026-12-05T02:00:00Z'));
    const later = await teamFor(COUNTY, 'C-04', '2');
    const laterFinding = await signedFinding(later.id, later, '档案管理不规范');
    await reportAndFeedback(COUNTY, later.id, later.leader);
    const after = await rectificationOf(COUNTY, later.id);
    expect(
      (await federation.http(COUNTY, 'GET', `/inspections/${later.id}/findings`)).body,
    ).toEqual([expect.objectContaining({ id: laterFinding, status: 'signed' })]);
    expect(after).toMatchObject({ policyMonths: 3, dueOn: '2027-03-05', policySetBy: CENTRAL });
    expect(
      (await federation.http(COUNTY, 'GET', `/rectifications/${rectificationId}`)).body.deadline,
    ).toMatchObject({
      dueOn: '2027-01-20',
      months: 2,
    });

    const alertsOf = async (id: string) =>
      (
        (await federation.http(COUNTY, 'GET', `/rectifications/${id}`)).body.alerts as Array<{
          level: string;
          notify: string;
        }>
      )
        .map((a) => `${a.level}>${a.notify}`)
        .sort();
    clock.set(new Date('2026-12-30T02:00:00Z')); // 21 days before 2027-01-20
    expect(await alertsOf(rectificationId)).toEqual([]);
    clock.set(new Date('2026-12-31T02:00:00Z')); // 20 days left
    await waitFor('the 20-day alert', async () => (await alertsOf(rectificationId)).length === 1);
    expect(await alertsOf(rectificationId)).toEqual(['days_20>responsible_person']);
    clock.set(new Date('2027-01-10T02:00:00Z')); // 10 days left
    await waitFor('the 10-day alert', async () => (await alertsOf(rectificationId)).length === 2);
    expect(await alertsOf(rectificationId)).toEqual([
      'days_10>unit_head',
      'days_20>responsible_person',
    ]);
    clock.set(new Date('2027-01-21T02:00:00Z')); // the day after
    await waitFor('the overdue alert', async () => (await alertsOf(rectificationId)).length === 3);
    const overdue = (await federation.http(COUNTY, 'GET', `/rectifications/${rectificationId}`))
      .body;
    expect(overdue.deadline).toMatchObject({
      level: 'overdue',
      notify: 'inspection_office',
      daysLeft: -1,
    });
    expect(overdue.alerts.map((a: { label: string }) => a.label)).toContain(
      '整改进展报告已逾期，报巡察办',
    );
    // The later feedback's report is not due until March: no alert for it yet.
    expect(await alertsOf(after.id)).toEqual([]);
    // Its ancestors see it in the summary events.
    await waitFor('the city to see the overdue rectification', async () => {
      const { body } = await federation.http(CITY, 'GET', '/coverage');
      const child = body.children.find((c: { nodeId: string }) => c.nodeId === COUNTY);
      return (
        child?.ownOversight?.rectificationsOverdue === 1 && child.ownOversight.rectifications === 2
      );
    });
  });

  it('reviews the progress report by three offices, closes items only with proof, records the disclosure and opens a follow-up', async () => {
    const supervision = await user(COUNTY, 'supervisor1', ['supervision_office']);
    const organization = await user(COUNTY, 'orgdept1', ['organization_department']);
    const report = await federation.http(
      COUNTY,
      'POST',
      `/rectifications/${rectificationId}/progress-reports`,
      {
        text: '整改进展情况：已清退补贴。',
      },
    );
    expect(report.status).toBe(201);
    const sign = (as: Caller, office: string) =>
      as('POST', `/progress-reports/${report.body.id}/sign?as=${office}`);
    expect((await sign(supervision, 'organization_department')).body.error).toBe('NOT_THAT_OFFICE');
    expect((await sign(supervision, 'supervision_office')).status).toBe(201);
    expect((await sign(supervision, 'supervision_office')).body.error).toBe('ALREADY_SIGNED');
    // The office may be named by its Chinese label.
    expect((await sign(organization, encodeURIComponent('组织部门'))).status).toBe(201);
    let view = (await federation.http(COUNTY, 'GET', `/rectifications/${rectificationId}`)).body;
    expect(view.progressReports[0].complete).toBe(false);
    expect(
      (
        await federation.http(
          COUNTY,
          'POST',
          `/progress-reports/${report.body.id}/sign?as=inspection_office`,
        )
      ).status,
    ).toBe(201);
    view = (await federation.http(COUNTY, 'GET', `/rectifications/${rectificationId}`)).body;
    expect(view.progressReports[0].complete).toBe(true);
    expect(view.deadline.progressReported).toBe(true);

    const item = view.items[0].id as string;
    const base = `/rectifications/${rectificationId}/items/${item}`;
    expect(
      (await federation.http(COUNTY, 'POST', `${base}/close`, { proof: '已清退' })).body.error,
    ).toBe('NO_RESPONSIBILITY');
    expect(
      (
        await federation.http(COUNTY, 'PUT', base, {
          responsiblePerson: '财务科长王某',
          unitHead: '局长李某',
          tasks: ['清退补贴'],
        })
      ).status,
    ).toBe(200);
    const noProof = await federation.http(COUNTY, 'POST', `${base}/close`, { proof: '' });
    expect(noProof.status).toBe(400);
    expect(JSON.stringify(noProof.body)).toContain('proof');
    expect(
      (await federation.http(COUNTY, 'POST', `${base}/close`, { proof: '银行回单3张' })).body
        .status,
    ).toBe('closed');
    const ledger = await federation.http(
      COUNTY,
      'GET',
      `/rectifications/${rectificationId}/export?format=csv`,
    );
    expect(ledger.body).toContain('财务科长王某');
    expect(ledger.body).toContain('已销号');
    expect(ledger.body).toContain('银行回单3张');

    expect(
      (
        await federation.http(COUNTY, 'POST', `/rectifications/${rectificationId}/disclosure`, {
          text: '整改情况已在县政府网站公开。',
          disclosedOn: '2027-01-25',
        })
      ).body,
    ).toMatchObject({ disclosedOn: '2027-01-25' });

    const regular = await federation.http(COUNTY, 'POST', '/rounds', {
      type: 'regular',
      theme: '常规',
      ...window,
    });
    expect(
      (
        await federation.http(COUNTY, 'POST', `/rectifications/${rectificationId}/follow-up`, {
          roundId: regular.body.id,
        })
      ).body.error,
    ).toBe('NOT_A_FOLLOW_UP_ROUND');
    const followRound = await federation.http(COUNTY, 'POST', '/rounds', {
      type: 'follow_up',
      theme: '回头看',
      windowStart: '2027-04-01',
      windowEnd: '2027-04-30',
    });
    const followUp = await federation.http(
      COUNTY,
      'POST',
      `/rectifications/${rectificationId}/follow-up`,
      {
        roundId: followRound.body.id,
      },
    );
    expect(followUp.status).toBe(201);
    expect(followUp.body).toMatchObject({
      organizationCode: 'C-01',
      mode: 'own',
      roundId: followRound.body.id,
    });
    expect(
      (await federation.http(COUNTY, 'GET', `/rectifications/${rectificationId}`)).body
        .followUpInspectionId,
    ).toBe(followUp.body.id);
  });

  it('refers a clue up to the city’s discipline body, sealed to it; the county sees it open, overdue, then disposed', async () => {
    const noTier = await federation.http(COUNTY, 'POST', `/findings/${findingId}/referrals`, {
      kind: 'clue',
      content: 'x',
    });
    expect(noTier.body.error).toBe('CADRE_TIER_REQUIRED');
    const clue = '某局局长张某涉嫌违规决定发放补贴（市管干部）。';
    const sent = await federation.http(COUNTY, 'POST', `/findings/${findingId}/referrals`, {
      kind: 'clue',
      cadreTier: 'municipal',
      content: clue,
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      targetNode: CITY,
      body: 'discipline',
      state: 'open',
      sealed: true,
    });
    const rows = await federation
      .dataSource(COUNTY)
      .query(`SELECT * FROM referral WHERE id = $1`, [sent.body.id]);
    expect(JSON.stringify(rows)).not.toContain('张某');

    const discipline = await user(CITY, 'jiwei1', ['receiving_body']);
    const received = await waitFor('the city to receive the clue', async () => {
      const { body } = await discipline('GET', '/referrals');
      return body.received.find((r: { id: string }) => r.id === sent.body.id);
    });
    expect(received).toMatchObject({ fromNode: COUNTY, kind: 'clue', state: 'open' });
    expect((await federation.http(CITY, 'GET', `/referrals/${sent.body.id}/content`)).status).toBe(
      403,
    );
    expect((await discipline('GET', `/referrals/${sent.body.id}/content`)).body).toMatchObject({
      body: 'discipline',
      text: clue,
    });
    expect(
      (await discipline('POST', `/referrals/${sent.body.id}/disposition`, { disposition: 'x' }))
        .body.error,
    ).toBe('NOT_ACKNOWLEDGED');

    // Unacknowledged past its deadline (15 days without a policy): overdue on the sender's side.
    clock.advance(16 * DAY);
    const overdue = (await federation.http(COUNTY, 'GET', '/referrals')).body;
    expect(overdue.summary).toMatchObject({
      sent: 1,
      open: 1,
      overdue: 1,
      disposed: 0,
      disposalRate: 0,
    });

    expect((await discipline('POST', `/referrals/${sent.body.id}/acknowledge`)).body.state).toBe(
      'acknowledged',
    );
    await waitFor('the county to hear the acknowledgement', async () => {
      const { body } = await federation.http(COUNTY, 'GET', '/referrals');
      return body.summary.overdue === 0 && body.sent[0].acknowledgedBy === 'jiwei1';
    });
    expect(
      (
        await discipline('POST', `/referrals/${sent.body.id}/disposition`, {
          disposition: '已立案审查。',
        })
      ).body.state,
    ).toBe('disposed');
    const disposed = await waitFor('the county to hear the disposition', async () => {
      const { body } = await federation.http(COUNTY, 'GET', '/referrals');
      return body.summary.disposed === 1 ? body : undefined;
    });
    expect(disposed.summary).toMatchObject({ sent: 1, open: 0, disposalRate: 100 });
    expect(disposed.sent[0]).toMatchObject({ disposition: '已立案审查。', stateLabel: '已处置' });
    await waitFor('central to see the county’s referral figures', async () => {
      const { body } = await federation.http(CENTRAL, 'GET', '/coverage');
      return (
        body.subtreeOversight?.referralsDisposed === 1 && body.subtreeOversight.referralsSent === 1
      );
    });

    // A recommendation goes, in the clear, to a functional department of the organization's own node.
    const recommendation = await federation.http(
      COUNTY,
      'POST',
      `/findings/${findingId}/referrals`,
      {
        kind: 'recommendation',
        department: '县财政局',
        content: '建议规范津贴补贴发放。',
      },
    );
    expect(recommendation.body).toMatchObject({ targetNode: COUNTY, body: null, sealed: false });
    // A cadre-selection problem about a county-managed cadre: the county's organization department
    // (kind and tier given by their Chinese labels).
    const selection = await federation.http(COUNTY, 'POST', `/findings/${findingId}/referrals`, {
      kind: '选人用人问题',
      cadreTier: '县级',
      content: '干部选拔任用程序不规范。',
    });
    expect(selection.body).toMatchObject({
      kind: 'cadre_selection',
      cadreTier: 'county',
      targetNode: COUNTY,
      body: 'organization',
      sealed: true,
    });
    const petition = await federation.http(COUNTY, 'POST', `/findings/${findingId}/referrals`, {
      kind: 'petition',
      content: '群众反映的问题。',
    });
    expect(petition.body).toMatchObject({ targetNode: COUNTY, body: 'petitions' });
  });

  it('refuses a referral from a node off the line, as a dead letter', async () => {
    const payload: ReferralMadeV1 = {
      referralId: uuidv7(),
      kind: 'recommendation',
      body: null,
      sealed: null,
      recommendation: { department: '某局', text: '伪造' },
      cadreTier: null,
      inspectionId: uuidv7(),
      findingId: uuidv7(),
      organizationName: '某单位',
      acknowledgeBy: new Date(clock.now().getTime() + DAY).toISOString(),
    };
    const letter = await refusedBy(federation, {
      target: COUNTY,
      issuer: SIBLING,
      type: ReferralMadeV1.type,
      payload,
      issuedAt: clock.now(),
    });
    expect(letter.reasonCode).toBe('NOT_AUTHORIZED');
  });

  it('opens an escalated inspection’s rectification at the organization’s own node, supervised by the escalating node until hand-back', async () => {
    const city = await teamFor(CITY, 'C-03', '3', { ownerNode: COUNTY });
    await waitFor('the county to accept the escalation', async () => {
      const { body } = await federation.http(CITY, 'GET', `/inspections/${city.id}`);
      return body.status === 'planned';
    });
    const cityFinding = await signedFinding(city.id, city, '村级财务管理混乱');
    await reportAndFeedback(CITY, city.id, city.leader);
    const atCounty = await rectificationOf(COUNTY, city.id);
    expect(atCounty).toMatchObject({ conductingNode: CITY, mode: 'escalated', supervisedBy: CITY });
    expect(atCounty.items).toEqual([
      expect.objectContaining({ findingId: cityFinding, basis: '《中国共产党纪律处分条例》' }),
    ]);
    expect(await federation.http(CITY, 'GET', '/rectifications').then((r) => r.body)).toEqual([]);

    expect(
      (
        await federation.http(CITY, 'POST', `/inspections/${city.id}/hand-back`, {
          notes: '移交整改监督',
        })
      ).status,
    ).toBe(201);
    await waitFor('the county to supervise its own rectification', async () => {
      const { body } = await federation.http(COUNTY, 'GET', `/rectifications/${atCounty.id}`);
      return body.supervisedBy === 'self';
    });
  });
});
