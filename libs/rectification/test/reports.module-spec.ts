import { GiveFeedback } from '@liandong/planning';
import { uuidv7 } from '@liandong/protocol';
import { FindingQueries } from '../src/findings/finding.queries';
import { DraftFinding } from '../src/findings/use-cases/draft-finding.usecase';
import { WithdrawFinding } from '../src/findings/use-cases/withdraw-finding.usecase';
import { ReportQueries } from '../src/reports/report.queries';
import { DecideReport } from '../src/reports/use-cases/decide-report.usecase';
import { FinalizeReport } from '../src/reports/use-cases/finalize-report.usecase';
import {
  inspection,
  LEADING_GROUP,
  OFFICE,
  rectificationNode,
  rectificationOf,
  Scene,
  signedFinding,
} from './rectification.fixture';
import { rows } from './probes';

/** 巡视报告: finalized by the leader, immutable, corrected as a new version, decided once, then feedback. */
describe('the inspection report', () => {
  const node = rectificationNode();
  beforeAll(() => node.start());
  afterAll(() => node.stop());

  const finalize = (scene: Scene, summary: string, reason?: string, as = scene.team.leader) =>
    node.get(FinalizeReport).execute(scene.inspectionId, { summary, reason }, as);
  const decide = (reportId: string) =>
    node.get(DecideReport).execute(reportId, { decision: '同意反馈' }, LEADING_GROUP);
  const feedback = (scene: Scene) =>
    node.get(GiveFeedback).execute(scene.inspectionId, { summary: '反馈意见。' }, 'user:office');

  it('is finalized only by the team leader, only with findings, refused listing the incomplete ones', async () => {
    const scene = await inspection(node);
    await expect(finalize(scene, '报告')).rejects.toMatchObject({ code: 'NO_FINDINGS' });
    await expect(
      node.get(FinalizeReport).execute(uuidv7(), { summary: '报告' }, scene.team.leader),
    ).rejects.toMatchObject({ code: 'INSPECTION_NOT_FOUND', status: 404 });
    await signedFinding(node, scene, '档案管理不规范');
    const draft = await node
      .get(DraftFinding)
      .execute(
        scene.inspectionId,
        { title: '违规发放津贴补贴', facts: '发放补贴12万元。' },
        scene.team.member,
      );
    const incomplete = finalize(scene, '报告');
    // Finding by finding too, by id, for the console to link each one.
    await expect(incomplete).rejects.toMatchObject({
      fields: [
        {
          field: draft.id,
          label: '《违规发放津贴补贴》',
          problems: ['缺少证据材料、定性依据', '尚未经组长签字（当前：已起草）'],
          problemsEn: ['no evidence', 'no normative basis', 'not signed by the leader (drafted)'],
        },
      ],
    });
    await expect(incomplete).rejects.toMatchObject({
      code: 'FINDINGS_INCOMPLETE',
      text: {
        zh: expect.stringContaining(
          '《违规发放津贴补贴》缺少证据材料、定性依据，尚未经组长签字（当前：已起草）',
        ),
        en: expect.stringMatching(
          /no evidence, no normative basis, not signed by the leader \(drafted\)/,
        ),
      },
    });
    await expect(incomplete).rejects.toMatchObject({
      text: { zh: expect.not.stringContaining('档案管理不规范') },
    });
    for (const as of [scene.team.deputy, scene.team.member])
      await expect(finalize(scene, '报告', undefined, as)).rejects.toMatchObject({
        code: 'WRONG_TEAM_ROLE',
        status: 403,
      });
    await expect(finalize(scene, '报告', undefined, OFFICE)).rejects.toMatchObject({
      code: 'NOT_ON_TEAM',
    });
    expect(await rows(node, 'inspection_report', 'inspection_id', scene.inspectionId)).toEqual([]);
  });

  it('never changes once finalized: a correction is a new version with a reason', async () => {
    const scene = await inspection(node);
    const findingId = await signedFinding(node, scene);
    const first = await finalize(scene, '发现问题1个。');
    expect(first).toMatchObject({
      version: 1,
      reason: null,
      finalizedBy: scene.team.leader.username,
    });
    expect(first.findings).toEqual([
      expect.objectContaining({ findingId, signedBy: scene.team.leader.username }),
    ]);
    await expect(finalize(scene, '改')).rejects.toMatchObject({
      code: 'REASON_REQUIRED',
      status: 400,
    });
    await expect(
      node.dataSource.query(`UPDATE inspection_report SET summary = 'x' WHERE id = $1`, [first.id]),
    ).rejects.toThrow(/immutable/);
    const second = await finalize(scene, '发现问题1个（更正金额）。', '更正涉及金额');
    expect(second).toMatchObject({ version: 2, reason: '更正涉及金额' });
    expect(
      (await node.get(ReportQueries).versions(scene.inspectionId)).map((v) => v.summary),
    ).toEqual(['发现问题1个。', '发现问题1个（更正金额）。']);
  });

  it('is decided by the leading group on the latest version only, and once', async () => {
    const scene = await inspection(node);
    await signedFinding(node, scene);
    const first = await finalize(scene, '发现问题1个。');
    const second = await finalize(scene, '更正。', '更正涉及金额');
    await expect(decide(first.id)).rejects.toMatchObject({ code: 'SUPERSEDED' });
    await expect(decide(uuidv7())).rejects.toMatchObject({ code: 'REPORT_NOT_FOUND', status: 404 });
    expect(await decide(second.id)).toMatchObject({ reportId: second.id, decidedBy: 'group' });
    await expect(decide(second.id)).rejects.toMatchObject({ code: 'ALREADY_DECIDED' });
    const versions = await node.get(ReportQueries).versions(scene.inspectionId);
    expect(versions.map((v) => v.decision?.decidedBy ?? null)).toEqual([null, 'group']);
  });

  it('refuses feedback before the decision, and opens rectification with the decided version’s findings', async () => {
    const scene = await inspection(node);
    const findingId = await signedFinding(node, scene);
    await expect(feedback(scene)).rejects.toMatchObject({ code: 'REPORT_NOT_DECIDED' });
    const report = await finalize(scene, '发现问题1个。');
    const undecided = feedback(scene);
    await expect(undecided).rejects.toMatchObject({
      code: 'REPORT_NOT_DECIDED',
      text: { zh: expect.stringContaining('第1版巡察报告尚待领导小组作出决定') },
    });
    expect(await rows(node, 'rectification', 'inspection_id', scene.inspectionId)).toEqual([]);
    expect(await rows(node, 'inspection', 'id', scene.inspectionId)).toEqual([
      expect.objectContaining({ status: 'planned', feedback_at: null }),
    ]);

    await decide(report.id);
    expect(await feedback(scene)).toMatchObject({ status: 'feedback_given' });
    const rectification = await rectificationOf(node, scene.inspectionId);
    expect(rectification.items).toEqual([
      expect.objectContaining({
        findingId,
        status: 'open',
        problem: expect.stringContaining('违规发放津贴补贴'),
      }),
    ]);
  });

  it('refuses feedback on a decided version that holds a withdrawn finding, until a version without it is decided', async () => {
    const scene = await inspection(node);
    const kept = await signedFinding(node, scene, '会议记录缺失');
    const dropped = await signedFinding(node, scene, '公务接待超标');
    const first = await finalize(scene, '发现问题2个。');
    await node.get(WithdrawFinding).execute(dropped, { reason: '经核实不属实。' }, OFFICE);
    await decide(first.id);
    await expect(feedback(scene)).rejects.toMatchObject({
      code: 'REPORT_HAS_WITHDRAWN',
      text: { zh: expect.stringContaining('《公务接待超标》') },
    });
    expect(await rows(node, 'rectification', 'inspection_id', scene.inspectionId)).toEqual([]);

    const second = await finalize(scene, '发现问题1个。', '撤回公务接待问题');
    expect(second.findings.map((f) => f.findingId)).toEqual([kept]);
    const listed = await node.get(FindingQueries).list(scene.inspectionId, OFFICE);
    expect(listed.map((f) => `${f.id === kept ? 'kept' : 'dropped'} ${f.statusLabel}`)).toEqual([
      'kept 已签字',
      'dropped 已撤回',
    ]);
    const corrected = await node.dataSource.query(
      `SELECT detail FROM audit_entry WHERE subject_id = $1 AND action = 'report.corrected'`,
      [scene.inspectionId],
    );
    expect(corrected[0].detail).toMatchObject({ version: 2, findings: 1, withdrawn: [dropped] });
    await decide(second.id);
    await feedback(scene);
    expect((await rectificationOf(node, scene.inspectionId)).items.map((i) => i.findingId)).toEqual(
      [kept],
    );
  });
});
