import { DecisionView, ReportVersionView, ReportView } from '../dto/report.views';
import { InspectionReport, ReportDecision } from '../entities';

export function mapReport(r: InspectionReport): ReportView {
  return {
    id: r.id,
    inspectionId: r.inspectionId,
    version: r.version,
    summary: r.summary,
    findings: r.findings.map((f) => ({
      findingId: f.findingId,
      title: f.title,
      facts: f.facts,
      basis: f.basis,
      evidence: f.evidence.map((e) => ({
        id: e.id,
        filename: e.filename,
        sha256: e.sha256,
        size: e.size,
      })),
      signedBy: f.signedBy,
    })),
    reason: r.reason,
    finalizedBy: r.finalizedBy,
    finalizedAt: r.finalizedAt,
  };
}

export function mapDecision(d: ReportDecision): DecisionView {
  return {
    reportId: d.reportId,
    decision: d.decision,
    decidedBy: d.decidedBy,
    decidedAt: d.decidedAt,
  };
}

export function mapReportVersion(
  r: InspectionReport,
  decision: ReportDecision | null,
): ReportVersionView {
  return { ...mapReport(r), decision: decision ? mapDecision(decision) : null };
}
