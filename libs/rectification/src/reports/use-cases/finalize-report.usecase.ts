import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { AuditService, Clock } from '@liandong/messaging';
import { InspectionDirectory } from '@liandong/planning';
import { uuidv7 } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { ReportDto } from '../../dto/report.dto';
import { ReportView } from '../../dto/report.views';
import { Evidence, Finding, InspectionReport, ReportedFinding } from '../../entities';
import { dossierGaps, titleOf } from '../../findings/dossier';
import { findingsWithEvidence } from '../../findings/finding.repository';
import { FINDING_STATUS_LABELS } from '../../labels';
import { TeamAccess } from '../../team-access';
import { mapReport } from '../report.mapper';
import { insertReport, latestReport } from '../report.repository';
import { rectificationRefusal } from '../../rectification.errors';

/** What each finding still lacks before a report can hold it, in Chinese and English. */
function lackingOf(findings: Array<Finding & { evidence: Evidence[] }>) {
  return findings.flatMap((f) => {
    const gaps = dossierGaps(f, f.evidence.length);
    const signed = f.status === 'signed';
    if (gaps.length === 0 && signed) return [];
    const problems = [
      ...(gaps.length ? [`缺少${gaps.map((g) => g.zh).join('、')}`] : []),
      ...(signed ? [] : [`尚未经组长签字（当前：${FINDING_STATUS_LABELS[f.status]}）`]),
    ];
    const problemsEn = [
      ...gaps.map((g) => `no ${g.en}`),
      ...(signed ? [] : [`not signed by the leader (${f.status})`]),
    ];
    return [
      {
        zh: `${titleOf(f)}${problems.join('，')}`,
        en: `《${f.title}》(${f.id}): ${problemsEn.join(', ')}`,
        // The same, finding by finding, for a console to link each to its page.
        field: { field: f.id, label: titleOf(f), problems, problemsEn },
      },
    ];
  });
}

function reported(f: Finding & { evidence: Evidence[] }): ReportedFinding {
  return {
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
  };
}

/**
 * 定稿: by the leader of the inspection's team, with at least one finding, every finding
 * (but those withdrawn) complete and signed; a correction is a new version with a reason.
 */
@Injectable()
export class FinalizeReport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inspections: InspectionDirectory,
    private readonly team: TeamAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(inspectionId: string, dto: ReportDto, user: Principal): Promise<ReportView> {
    const report = await this.dataSource.transaction(async (manager) => {
      const inspection = await this.inspections.lock(manager, inspectionId, ['conducting']);
      if (!inspection)
        throw rectificationRefusal(
          'INSPECTION_NOT_FOUND',
          {
            zh: `本节点没有开展这项巡察（编号 ${inspectionId}），不能定稿报告。请确认选择的巡察是否正确`,
            en: `this node does not conduct an inspection ${inspectionId}`,
          },
          404,
        );
      await this.team.require(manager, inspectionId, user, ['leader']);
      const previous = await latestReport(manager, inspectionId);
      if (previous && !dto.reason)
        throw rectificationRefusal(
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
        throw rectificationRefusal('NO_FINDINGS', {
          zh: '这项巡察还没有可写入报告的问题，巡察报告不能定稿。请先起草问题，经副组长审核、组长签字后再定稿',
          en: `inspection ${inspectionId} has no findings (other than withdrawn ones); a report needs at least one signed finding`,
        });
      const lacking = lackingOf(findings);
      if (lacking.length > 0)
        throw rectificationRefusal(
          'FINDINGS_INCOMPLETE',
          {
            zh: `以下问题尚不完整，巡察报告不能定稿：${lacking.map((l) => l.zh).join('；')}。请补齐，并经副组长审核、组长签字后再定稿`,
            en: `the report cannot be finalized: ${lacking.map((l) => l.en).join('; ')}`,
          },
          409,
          { fields: lacking.map((l) => l.field) },
        );
      const report = manager.create(InspectionReport, {
        id: uuidv7(this.clock.now().getTime()),
        inspectionId,
        version: (previous?.version ?? 0) + 1,
        summary: dto.summary,
        findings: findings.map(reported),
        reason: previous ? (dto.reason as string) : null,
        finalizedBy: user.username,
        finalizedAt: this.clock.now(),
      });
      await insertReport(manager, report);
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
    return mapReport(report);
  }
}
