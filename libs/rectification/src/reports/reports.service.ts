import { Injectable, OnModuleInit } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { AuditService, Clock, DomainError } from '@liandong/messaging';
import { Inspection, InspectionHooks } from '@liandong/planning';
import { FeedbackProblemV1, uuidv7 } from '@liandong/protocol';
import { DataSource, EntityManager, In } from 'typeorm';
import { InspectionReport, ReportDecision, ReportedFinding } from '../entities';
import { FindingsService } from '../findings/findings.service';
import { TeamAccess } from '../team-access';

/**
 * 巡视报告: finalized only when every finding has evidence, a basis and the leader's
 * signature; immutable once finalized (a correction is a new version with a reason); the
 * leading group's decision comes before feedback.
 */
@Injectable()
export class ReportsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hooks: InspectionHooks,
    private readonly team: TeamAccess,
    private readonly findings: FindingsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.hooks.onFeedback({
      check: (manager, inspection) => this.requireDecided(manager, inspection),
      problems: async (manager, inspection) => {
        const report = await this.latest(manager, inspection.id);
        return (report?.findings ?? []).map((f): FeedbackProblemV1 => ({
          findingId: f.findingId,
          title: f.title,
          facts: f.facts,
          basis: f.basis,
        }));
      },
    });
  }

  async latest(manager: EntityManager, inspectionId: string): Promise<InspectionReport | null> {
    return manager.findOne(InspectionReport, {
      where: { inspectionId },
      order: { version: 'DESC' },
    });
  }

  private async requireDecided(manager: EntityManager, inspection: Inspection): Promise<void> {
    const report = await this.latest(manager, inspection.id);
    const decided =
      report && (await manager.count(ReportDecision, { where: { reportId: report.id } })) > 0;
    if (!decided)
      throw new DomainError(
        'REPORT_NOT_DECIDED',
        report
          ? `report version ${report.version} awaits the leading group's decision (POST /reports/${report.id}/decision) before feedback`
          : `finalize the inspection report (POST /inspections/${inspection.id}/reports) and record the leading group's decision before feedback`,
      );
  }

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
          `this node does not conduct an inspection ${inspectionId}`,
          404,
        );
      if (!user.roles.includes('inspection_office'))
        await this.team.require(manager, inspectionId, user, ['leader']);
      const previous = await this.latest(manager, inspectionId);
      if (previous && !command.reason)
        throw new DomainError(
          'REASON_REQUIRED',
          `version ${previous.version} is final and cannot change; a correction is a new version and needs a reason`,
          400,
        );
      const findings = await this.findings.withEvidence(manager, inspectionId);
      const lacking = findings.flatMap((f) => {
        const missing = [
          ...(f.evidence.length > 0 ? [] : ['no evidence']),
          ...(f.basis ? [] : ['no normative basis']),
          ...(f.status === 'signed' ? [] : [`not signed by the leader (${f.status})`]),
        ];
        return missing.length ? [`《${f.title}》(${f.id}): ${missing.join(', ')}`] : [];
      });
      if (lacking.length > 0)
        throw new DomainError(
          'FINDINGS_INCOMPLETE',
          `the report cannot be finalized: ${lacking.join('; ')}`,
        );
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
          reason: report.reason,
        },
      });
      return report;
    });
  }

  async versions(
    inspectionId: string,
  ): Promise<Array<InspectionReport & { decision: ReportDecision | null }>> {
    const reports = await this.dataSource.manager.find(InspectionReport, {
      where: { inspectionId },
      order: { version: 'ASC' },
    });
    const decisions = reports.length
      ? await this.dataSource.manager.find(ReportDecision, {
          where: { reportId: In(reports.map((r) => r.id)) },
        })
      : [];
    return reports.map((r) => ({
      ...r,
      decision: decisions.find((d) => d.reportId === r.id) ?? null,
    }));
  }

  /** 领导小组决定: on the latest version only, once. */
  async decide(reportId: string, decision: string, user: Principal): Promise<ReportDecision> {
    return this.dataSource.transaction(async (manager) => {
      const report = await manager.findOne(InspectionReport, { where: { id: reportId } });
      if (!report) throw new DomainError('REPORT_NOT_FOUND', `no report ${reportId}`, 404);
      const latest = await this.latest(manager, report.inspectionId);
      if (latest?.id !== report.id)
        throw new DomainError(
          'SUPERSEDED',
          `version ${report.version} was corrected by version ${latest?.version}; decide on that one`,
        );
      if (await manager.count(ReportDecision, { where: { reportId } }))
        throw new DomainError('ALREADY_DECIDED', `report ${reportId} already has a decision`);
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
