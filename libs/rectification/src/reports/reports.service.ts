import { DomainError } from '@liandong/common';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { AuditService, Clock } from '@liandong/messaging';
import { Inspection, InspectionHooks } from '@liandong/planning';
import { FeedbackProblemV1, uuidv7 } from '@liandong/protocol';
import { DataSource, EntityManager, In } from 'typeorm';
import { Finding, InspectionReport, ReportDecision, ReportedFinding } from '../entities';
import { dossierGaps, titleOf } from '../findings/dossier';
import { findingsWithEvidence } from '../findings/finding.repository';
import { latestReport } from './report.repository';
import { FINDING_STATUS_LABELS } from '../labels';
import { TeamAccess } from '../team-access';

/**
 * 巡视报告: finalized by the team leader, only with findings and only when every finding
 * (withdrawn ones left out) has facts, evidence, a basis and the leader's signature;
 * immutable once finalized (a correction is a new version with a reason); the leading
 * group's decision on the latest version comes before feedback.
 */
@Injectable()
export class ReportsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hooks: InspectionHooks,
    private readonly team: TeamAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.hooks.onFeedback({
      check: (manager, inspection) => this.requireDecided(manager, inspection),
      problems: async (manager, inspection) => {
        const report = await latestReport(manager, inspection.id);
        return (report?.findings ?? []).map((f): FeedbackProblemV1 => ({
          findingId: f.findingId,
          title: f.title,
          facts: f.facts,
          basis: f.basis,
        }));
      },
    });
  }

  private async requireDecided(manager: EntityManager, inspection: Inspection): Promise<void> {
    const report = await latestReport(manager, inspection.id);
    if (!report)
      throw new DomainError('REPORT_NOT_DECIDED', {
        zh: '这项巡察还没有定稿的巡察报告，不能反馈。请组长定稿巡察报告，经领导小组作出决定后再反馈',
        en: `finalize the inspection report (POST /inspections/${inspection.id}/reports) and record the leading group's decision before feedback`,
      });
    const ids = report.findings.map((f) => f.findingId);
    const withdrawn = ids.length
      ? await manager.find(Finding, { where: { id: In(ids), status: 'withdrawn' } })
      : [];
    if (withdrawn.length > 0)
      throw new DomainError('REPORT_HAS_WITHDRAWN', {
        zh: `第${report.version}版巡察报告含有已撤回的问题${withdrawn.map(titleOf).join('、')}，不能据此反馈。请组长出具不含这些问题的新版报告，经领导小组作出决定后再反馈`,
        en: `report version ${report.version} holds withdrawn findings (${withdrawn.map((f) => f.id).join(', ')}); finalize a new version without them and have it decided before feedback`,
      });
    if ((await manager.count(ReportDecision, { where: { reportId: report.id } })) === 0)
      throw new DomainError('REPORT_NOT_DECIDED', {
        zh: `第${report.version}版巡察报告尚待领导小组作出决定，决定后才能反馈`,
        en: `report version ${report.version} awaits the leading group's decision (POST /reports/${report.id}/decision) before feedback`,
      });
  }

  /**
   * 定稿: by the leader of the inspection's team, with at least one finding, every finding
   * (but those withdrawn) complete and signed; a correction is a new version with a reason.
   */
  async finalize(
    inspectionId: string,
    command: { summary: string; reason?: string },
    user: Principal,
  ): Promise<InspectionReport> {
    return this.dataSource.transaction(async (manager) => {
      const inspection = await manager.findOne(Inspection, {
        where: { id: inspectionId, role: 'conducting' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!inspection)
        throw new DomainError(
          'INSPECTION_NOT_FOUND',
          {
            zh: `本节点没有开展这项巡察（编号 ${inspectionId}），不能定稿报告。请确认选择的巡察是否正确`,
            en: `this node does not conduct an inspection ${inspectionId}`,
          },
          404,
        );
      await this.team.require(manager, inspectionId, user, ['leader']);
      const previous = await latestReport(manager, inspectionId);
      if (previous && !command.reason)
        throw new DomainError(
          'REASON_REQUIRED',
          {
            zh: `第${previous.version}版巡察报告已定稿，不能修改。如需更正，请出具新版报告并填写更正理由`,
            en: `version ${previous.version} is final and cannot change; a correction is a new version and needs a reason`,
          },
          400,
        );
      const all = await findingsWithEvidence(manager, inspectionId);
      const findings = all.filter((f) => f.status !== 'withdrawn');
      const withdrawn = all.filter((f) => f.status === 'withdrawn').map((f) => f.id);
      if (findings.length === 0)
        throw new DomainError('NO_FINDINGS', {
          zh: '这项巡察还没有可写入报告的问题，巡察报告不能定稿。请先起草问题，经副组长审核、组长签字后再定稿',
          en: `inspection ${inspectionId} has no findings (other than withdrawn ones); a report needs at least one signed finding`,
        });
      const lacking = findings.flatMap((f) => {
        const gaps = dossierGaps(f, f.evidence.length);
        const signed = f.status === 'signed';
        if (gaps.length === 0 && signed) return [];
        const zh = [
          ...(gaps.length ? [`缺少${gaps.map((g) => g.zh).join('、')}`] : []),
          ...(signed ? [] : [`尚未经组长签字（当前：${FINDING_STATUS_LABELS[f.status]}）`]),
        ].join('，');
        const en = [
          ...gaps.map((g) => `no ${g.en}`),
          ...(signed ? [] : [`not signed by the leader (${f.status})`]),
        ].join(', ');
        return [{ zh: `${titleOf(f)}${zh}`, en: `《${f.title}》(${f.id}): ${en}` }];
      });
      if (lacking.length > 0)
        throw new DomainError('FINDINGS_INCOMPLETE', {
          zh: `以下问题尚不完整，巡察报告不能定稿：${lacking.map((l) => l.zh).join('；')}。请补齐，并经副组长审核、组长签字后再定稿`,
          en: `the report cannot be finalized: ${lacking.map((l) => l.en).join('; ')}`,
        });
      const report = manager.create(InspectionReport, {
        id: uuidv7(this.clock.now().getTime()),
        inspectionId,
        version: (previous?.version ?? 0) + 1,
        summary: command.summary,
        findings: findings.map((f): ReportedFinding => ({
          findingId: f.id,
          title: f.title,
          facts: f.facts,
          basis: f.basis as string,
          signedBy: f.signedBy as string,
          evidence: f.evidence.map((e) => ({
            id: e.id,
            filename: e.filename,
            sha256: e.sha256,
            size: e.size,
          })),
        })),
        reason: previous ? (command.reason as string) : null,
        finalizedBy: user.username,
        finalizedAt: this.clock.now(),
      });
      await manager.insert(InspectionReport, report);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: previous ? 'report.corrected' : 'report.finalized',
        subjectType: 'inspection',
        subjectId: inspectionId,
        detail: {
          reportId: report.id,
          version: report.version,
          findings: findings.length,
          withdrawn,
          reason: report.reason,
        },
      });
      return report;
    });
  }

  /** 领导小组决定: on the latest version only, once. */
  async decide(reportId: string, decision: string, user: Principal): Promise<ReportDecision> {
    return this.dataSource.transaction(async (manager) => {
      const report = await manager.findOne(InspectionReport, { where: { id: reportId } });
      if (!report)
        throw new DomainError(
          'REPORT_NOT_FOUND',
          {
            zh: `本节点没有这份巡察报告（编号 ${reportId}）。请从巡察的报告列表重新选择`,
            en: `no report ${reportId}`,
          },
          404,
        );
      const latest = await latestReport(manager, report.inspectionId);
      if (latest?.id !== report.id)
        throw new DomainError('SUPERSEDED', {
          zh: `第${report.version}版巡察报告已被第${latest?.version}版更正，请对第${latest?.version}版作出决定`,
          en: `version ${report.version} was corrected by version ${latest?.version}; decide on that one`,
        });
      if (await manager.count(ReportDecision, { where: { reportId } }))
        throw new DomainError('ALREADY_DECIDED', {
          zh: `领导小组已对第${report.version}版巡察报告作出决定，不能重复决定`,
          en: `report ${reportId} already has a decision`,
        });
      const row = manager.create(ReportDecision, {
        reportId,
        decision,
        decidedBy: user.username,
        decidedAt: this.clock.now(),
      });
      await manager.insert(ReportDecision, row);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'report.decided',
        subjectType: 'inspection',
        subjectId: report.inspectionId,
        detail: { reportId, version: report.version },
      });
      return row;
    });
  }
}
