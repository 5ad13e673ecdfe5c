import { NODE_LAUNCHER } from '../src/launch';
import { XLSX_TYPE } from '@liandong/common';
import { SettableClock } from '@liandong/messaging';
import { InProcessFederation } from '@liandong/local-federation';
import { PDF, RectificationFederation, unique } from './rectification/federation-helpers';

const CENTRAL = '000000';

/**
 * Rectification's HTTP surface on one node: evidence and proof files in and out, the 400s that name
 * the fields, the routes' roles, the Chinese labels requests may use, the ledger download.
 * The rules behind them are the module tests' (libs/rectification/test).
 */
describe('rectification over HTTP', () => {
  const clock = new SettableClock(new Date('2026-11-20T02:00:00Z'));
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: [{ nodeId: CENTRAL, name: '中央', tier: 'central', parentId: null }],
    clock,
  });
  const build = new RectificationFederation(federation, clock);
  const http = (method: string, path: string, body?: unknown) =>
    federation.http(CENTRAL, method, path, body);
  const newTeam = async () => build.team(CENTRAL, await build.organization(CENTRAL, '某部委党组'));

  const clerkToken = () => federation.node(CENTRAL).token ?? '';

  beforeAll(() => federation.start());
  afterAll(() => federation.stop());

  async function download(path: string, token: string) {
    return fetch(`${federation.node(CENTRAL).url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
  }

  it('keeps evidence files under a safe base name and sends them back safely, to the team and the office only', async () => {
    const team = await newTeam();
    const drafted = await team.member('POST', `/inspections/${team.id}/findings`, {
      title: '资料归档不全',
      facts: '谈话笔录未归档。',
    });
    const findingId = drafted.body.id as string;
    const text = Buffer.from('谈话笔录', 'utf8');
    for (const [sent, kept] of [
      ['../../etc/passwd', 'passwd'],
      ['..\\..\\windows\\win.ini', 'win.ini'],
    ]) {
      const stored = await build.uploadEvidence(findingId, team.member, 'text/plain', text, sent);
      expect([stored.status, stored.body.filename]).toEqual([201, kept]);
      const file = await download(
        `/findings/${findingId}/evidence/${stored.body.id}`,
        await team.member.token(),
      );
      expect(file.status).toBe(200);
      expect(file.headers.get('content-disposition')).toBe(
        `attachment; filename="${kept}"; filename*=UTF-8''${kept}`,
      );
      expect(Buffer.from(await file.arrayBuffer()).equals(text)).toBe(true);
    }
    // A Chinese name travels as RFC 5987 UTF-8, with an ASCII name for older clients.
    const chinese = await build.uploadEvidence(findingId, team.member, 'application/pdf', PDF);
    const path = `/findings/${findingId}/evidence/${chinese.body.id}`;
    const file = await download(path, await team.member.token());
    expect(file.headers.get('content-type')).toContain('application/pdf');
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="evidence.pdf"; filename*=UTF-8''${encodeURIComponent('凭证.pdf')}`,
    );
    expect((await download(path, clerkToken())).status).toBe(200);
    const viewer = await build.user(CENTRAL, `viewer${unique()}`, ['viewer']);
    expect((await download(path, await viewer.token())).status).toBe(403);
    const lying = await build.uploadEvidence(findingId, team.member, 'image/png', PDF);
    expect([lying.status, lying.body.error]).toEqual([400, 'BAD_EVIDENCE']);
    expect(lying.body.message).toContain('image/png');
  });

  it('answers 400 naming the fields, 403 to a role the route does not allow, and 409 with the refusal in both languages', async () => {
    const team = await newTeam();
    const blank = await team.member('POST', `/inspections/${team.id}/findings`, {
      title: '   ',
      facts: '　 ',
    });
    expect(blank.status).toBe(400);
    expect(blank.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'facts',
      'title',
    ]);
    expect(
      (await http('POST', `/inspections/${team.id}/findings`, { title: 'x', facts: 'y' })).status,
    ).toBe(403);
    const drafted = await team.member('POST', `/inspections/${team.id}/findings`, {
      title: '违规发放津贴补贴',
      facts: '发放补贴12万元。',
    });
    const findingId = drafted.body.id as string;
    const early = await team.leader('POST', `/inspections/${team.id}/reports`, { summary: '报告' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: 'FINDINGS_INCOMPLETE' });
    expect(early.body.message).toContain('《违规发放津贴补贴》缺少证据材料、定性依据');
    expect(early.body.messageEn).toContain('no normative basis');
    const byOffice = await http('POST', `/inspections/${team.id}/reports`, { summary: '报告' });
    expect([byOffice.status, byOffice.body.error]).toEqual([403, 'FORBIDDEN']);
    const noReason = await team.leader('POST', `/findings/${findingId}/return`, { reason: '  ' });
    expect([noReason.status, noReason.body.error]).toEqual([400, 'VALIDATION_FAILED']);
    expect(
      (await team.member('POST', `/findings/${findingId}/return`, { reason: '退' })).status,
    ).toBe(403);
    expect(
      (await team.leader('POST', `/findings/${findingId}/withdraw`, { reason: '撤' })).status,
    ).toBe(403);

    const signed = await build.signedFinding(team, '档案管理不规范');
    await http('POST', `/findings/${findingId}/withdraw`, { reason: '不属实' });
    await build.reportAndFeedback(CENTRAL, team);
    const rectification = await build.rectificationOf(CENTRAL, team.id);
    const item = rectification.items.find((i: { findingId: string }) => i.findingId === signed);
    const noProof = await http(
      'POST',
      `/rectifications/${rectification.id}/items/${item.id}/close`,
      {
        proof: '',
      },
    );
    expect(noProof.status).toBe(400);
    expect(noProof.body.fields.map((f: { field: string }) => f.field)).toEqual(['proof']);
  });

  it('takes the Chinese labels of offices, kinds and tiers, and sends the ledger as Excel or CSV', async () => {
    const team = await newTeam();
    const findingId = await build.signedFinding(team, '选人用人不规范');
    const selection = await http('POST', `/findings/${findingId}/referrals`, {
      kind: '选人用人问题',
      cadreTier: '中央',
      content: '干部选拔任用程序不规范。',
    });
    expect(selection.body).toMatchObject({
      kind: 'cadre_selection',
      cadreTier: 'central',
      targetNode: CENTRAL,
      body: 'organization',
      sealed: true,
    });
    await build.reportAndFeedback(CENTRAL, team);
    const rectification = await build.rectificationOf(CENTRAL, team.id);
    const report = await http('POST', `/rectifications/${rectification.id}/progress-reports`, {
      text: '整改进展情况。',
    });
    const organization = await build.user(CENTRAL, `orgdept${unique()}`, [
      'organization_department',
    ]);
    const signed = await organization(
      'POST',
      `/progress-reports/${report.body.id}/sign?as=${encodeURIComponent('组织部门')}`,
    );
    expect(signed.status).toBe(201);
    expect(signed.body.signatures.map((s: { office: string }) => s.office)).toEqual([
      'organization_department',
    ]);

    const clerk = clerkToken();
    const excel = await download(`/rectifications/${rectification.id}/export`, clerk);
    expect(excel.status).toBe(200);
    expect(excel.headers.get('content-type')).toContain(XLSX_TYPE);
    expect(excel.headers.get('content-disposition')).toContain('.xlsx');
    const csv = await download(`/rectifications/${rectification.id}/export?format=csv`, clerk);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain('选人用人不规范');
  });

  it('takes a file of proof as the request body, closes the item with it alone, and sends it back to the readers only', async () => {
    const team = await newTeam();
    await build.signedFinding(team, '台账不全');
    await build.reportAndFeedback(CENTRAL, team);
    const rectification = await build.rectificationOf(CENTRAL, team.id);
    const item = rectification.items[0];
    const base = `/rectifications/${rectification.id}/items/${item.id}`;
    await http('PUT', base, {
      responsiblePerson: '办公室主任',
      unitHead: '党组书记',
      tasks: ['补齐台账'],
    });
    const upload = (
      type: string,
      data: Buffer,
      filename = '../整改/台账扫描件.pdf',
    ): Promise<{ status: number; body: any }> =>
      fetch(
        `${federation.node(CENTRAL).url}${base}/proof?filename=${encodeURIComponent(filename)}`,
        {
          method: 'POST',
          headers: { 'content-type': type, authorization: `Bearer ${clerkToken()}` },
          body: data,
        },
      ).then(async (r) => ({ status: r.status, body: await r.json() }));
    const noName = await fetch(`${federation.node(CENTRAL).url}${base}/proof`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf', authorization: `Bearer ${clerkToken()}` },
      body: PDF,
    });
    expect(noName.status).toBe(400);
    const lying = await upload('image/png', PDF);
    expect([lying.status, lying.body.error]).toEqual([400, 'BAD_PROOF']);
    const bare = await http('POST', `${base}/close`, {});
    expect([bare.status, bare.body.error]).toEqual([409, 'NO_PROOF']);
    expect(bare.body.message).toContain('佐证');

    const stored = await upload('application/pdf', PDF);
    expect([stored.status, stored.body.filename]).toEqual([201, '台账扫描件.pdf']);
    const closed = await http('POST', `${base}/close`, {});
    expect(closed.status).toBe(201);
    expect(closed.body).toMatchObject({ status: 'closed', proof: null });
    expect(closed.body.proofFiles).toHaveLength(1);
    const path = `${base}/proof/${stored.body.id}`;
    const file = await download(path, clerkToken());
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="proof.pdf"; filename*=UTF-8''${encodeURIComponent('台账扫描件.pdf')}`,
    );
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    const supervisor = await build.user(CENTRAL, `supervisor${unique()}`, ['supervision_office']);
    expect((await download(path, await supervisor.token())).status).toBe(200);
    const body = await build.user(CENTRAL, `body${unique()}`, ['receiving_body']);
    expect((await download(path, await body.token())).status).toBe(403);
  });
});
