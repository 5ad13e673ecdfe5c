import { AddEvidence } from '../src/findings/use-cases/add-evidence.usecase';
import { CheckFinding } from '../src/findings/use-cases/check-finding.usecase';
import { DraftFinding } from '../src/findings/use-cases/draft-finding.usecase';
import { ReturnFinding } from '../src/findings/use-cases/return-finding.usecase';
import { ReviseFinding } from '../src/findings/use-cases/revise-finding.usecase';
import { SignFinding } from '../src/findings/use-cases/sign-finding.usecase';
import { WithdrawFinding } from '../src/findings/use-cases/withdraw-finding.usecase';
import { FinalizeReport } from '../src/reports/use-cases/finalize-report.usecase';
import {
  BASIS,
  inspection,
  OFFICE,
  PDF,
  rectificationNode,
  reportAndFeedback,
  Scene,
  signedFinding,
} from './rectification.fixture';
import { rows } from './probes';

/** The evidence dossier (facts, evidence, normative basis) at check and signature; 退回修改 and 撤回. */
describe('the evidence dossier of a finding', () => {
  const node = rectificationNode();
  beforeAll(() => node.start());
  afterAll(() => node.stop());

  const draft = (scene: Scene, title: string, basis?: string) =>
    node
      .get(DraftFinding)
      .execute(scene.inspectionId, { title, facts: `${title}的事实。`, basis }, scene.team.member);
  const evidence = (scene: Scene, id: string) =>
    node
      .get(AddEvidence)
      .execute(
        id,
        { data: PDF, contentType: 'application/pdf', filename: '凭证.pdf' },
        scene.team.member,
      );
  const lacking = (zh: string) => ({
    code: 'FINDING_INCOMPLETE',
    text: expect.objectContaining({ zh: expect.stringContaining(zh) }),
  });

  it('refuses the check, naming everything the dossier lacks, and stores nothing', async () => {
    const scene = await inspection(node);
    const { id } = await draft(scene, '会议记录缺失');
    const check = () => node.get(CheckFinding).execute(id, scene.team.deputy);
    await expect(check()).rejects.toMatchObject(lacking('《会议记录缺失》'));
    await expect(check()).rejects.toMatchObject(lacking('缺少：证据材料、定性依据。'));
    await expect(check()).rejects.toMatchObject({
      text: { en: expect.stringContaining('lacks evidence, normative basis') },
    });
    await evidence(scene, id);
    await expect(check()).rejects.toMatchObject(lacking('缺少：定性依据。'));
    // Facts that are only spaces (a row written before the rule) count as missing too.
    await node.dataSource.query(`UPDATE finding SET facts = '   ' WHERE id = $1`, [id]);
    await expect(check()).rejects.toMatchObject(lacking('缺少：事实、定性依据。'));
    expect(await rows(node, 'finding', 'id', id)).toEqual([
      expect.objectContaining({ status: 'drafted', checked_by: null }),
    ]);

    await node
      .get(ReviseFinding)
      .execute(id, { facts: '缺失3次。', basis: BASIS }, scene.team.member);
    expect((await check()).status).toBe('checked');
  });

  it('holds the same gate at the signature, for rows changed behind the use cases’ back', async () => {
    const scene = await inspection(node);
    const { id } = await draft(scene, '公务接待超标', BASIS);
    await evidence(scene, id);
    await node.get(CheckFinding).execute(id, scene.team.deputy);
    const sign = () => node.get(SignFinding).execute(id, scene.team.leader);
    await node.dataSource.query(`DELETE FROM evidence WHERE finding_id = $1`, [id]);
    await expect(sign()).rejects.toMatchObject(lacking('不能签字。缺少：证据材料。'));
    await node.dataSource.query(`UPDATE finding SET basis = NULL WHERE id = $1`, [id]);
    await expect(sign()).rejects.toMatchObject(lacking('缺少：证据材料、定性依据。'));
    await node.dataSource.query(`UPDATE finding SET facts = ' ' WHERE id = $1`, [id]);
    await expect(sign()).rejects.toMatchObject(lacking('缺少：事实、证据材料、定性依据。'));
    await expect(sign()).rejects.toMatchObject(lacking('退回修改'));
    expect(await rows(node, 'finding', 'id', id)).toEqual([
      expect.objectContaining({ status: 'checked', signed_by: null }),
    ]);
  });

  it('returns a checked finding to draft with the leader’s reason, to go through the chain again, audited', async () => {
    const scene = await inspection(node);
    const { id } = await draft(scene, '公务接待超标', BASIS);
    await evidence(scene, id);
    await node.get(CheckFinding).execute(id, scene.team.deputy);
    const give = (reason: string, as = scene.team.leader) =>
      node.get(ReturnFinding).execute(id, { reason }, as);
    await expect(give('补充证据', scene.team.member)).rejects.toMatchObject({
      code: 'WRONG_TEAM_ROLE',
      status: 403,
    });
    expect(await give('证据材料缺失，需补充接待清单。')).toMatchObject({
      status: 'drafted',
      checkedBy: null,
      signedBy: null,
      returnedReason: '证据材料缺失，需补充接待清单。',
      returnedBy: scene.team.leader.username,
      returnedAt: node.clock.now(),
    });
    await expect(give('再退')).rejects.toMatchObject({ code: 'ALREADY_A_DRAFT' });
    await node.get(ReviseFinding).execute(id, { facts: '超标准接待5次。' }, scene.team.member);
    await node.get(CheckFinding).execute(id, scene.team.deputy);
    expect((await node.get(SignFinding).execute(id, scene.team.leader)).status).toBe('signed');

    const audited = await node.dataSource.query(
      `SELECT actor, detail FROM audit_entry WHERE subject_id = $1 AND action = 'finding.returned'`,
      [id],
    );
    expect(audited).toEqual([
      {
        actor: `user:${scene.team.leader.username}`,
        detail: expect.objectContaining({
          from: 'checked',
          reason: '证据材料缺失，需补充接待清单。',
        }),
      },
    ]);
  });

  it('does not return a finding a finalized report holds; the office withdraws it with a reason, for good', async () => {
    const scene = await inspection(node);
    const id = await signedFinding(node, scene, '公务接待超标');
    await node
      .get(FinalizeReport)
      .execute(scene.inspectionId, { summary: '报告' }, scene.team.leader);
    await expect(
      node.get(ReturnFinding).execute(id, { reason: '再核实' }, scene.team.leader),
    ).rejects.toMatchObject({
      code: 'FINDING_IN_REPORT',
      text: { zh: expect.stringContaining('第1版') },
    });
    expect(await rows(node, 'finding', 'id', id)).toEqual([
      expect.objectContaining({ status: 'signed', returned_reason: null }),
    ]);

    const reason = '经核实，接待标准执行的是当时有效的规定。';
    expect(await node.get(WithdrawFinding).execute(id, { reason }, OFFICE)).toMatchObject({
      status: 'withdrawn',
      statusLabel: '已撤回',
      withdrawnReason: reason,
      withdrawnBy: OFFICE.username,
    });
    await expect(
      node.get(WithdrawFinding).execute(id, { reason: '再撤' }, OFFICE),
    ).rejects.toMatchObject({ code: 'ALREADY_WITHDRAWN' });
    await expect(
      node.get(ReviseFinding).execute(id, { title: '改' }, scene.team.member),
    ).rejects.toMatchObject({ code: 'FINDING_WITHDRAWN' });
    await expect(
      node.get(ReturnFinding).execute(id, { reason: '退' }, scene.team.leader),
    ).rejects.toMatchObject({ code: 'FINDING_WITHDRAWN' });
    await expect(evidence(scene, id)).rejects.toMatchObject({ code: 'FINDING_WITHDRAWN' });
    const audited = await node.dataSource.query(
      `SELECT actor, detail FROM audit_entry WHERE subject_id = $1 AND action = 'finding.withdrawn'`,
      [id],
    );
    expect(audited).toEqual([
      { actor: 'user:office', detail: expect.objectContaining({ from: 'signed', reason }) },
    ]);
  });

  it('withdraws nothing once feedback was given: its findings are in rectification', async () => {
    const scene = await inspection(node);
    const id = await signedFinding(node, scene);
    await reportAndFeedback(node, scene);
    await expect(
      node.get(WithdrawFinding).execute(id, { reason: '撤回' }, OFFICE),
    ).rejects.toMatchObject({ code: 'FEEDBACK_GIVEN' });
    expect(await rows(node, 'finding', 'id', id)).toEqual([
      expect.objectContaining({ status: 'signed', withdrawn_reason: null }),
    ]);
    // And nothing is drafted for an inspection that has given its feedback.
    await expect(draft(scene, '新问题')).rejects.toMatchObject({ code: 'NOT_UNDER_WAY' });
  });
});
