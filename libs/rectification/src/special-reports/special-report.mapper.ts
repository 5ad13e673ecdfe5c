import { SpecialReport } from '../entities/special-report.entity';
import { SPECIAL_REPORT_ADDRESSEE_LABELS } from './special-report.labels';
import { SpecialReportView } from './special-report.views';

export function mapSpecialReport(
  r: SpecialReport,
  nameOf: (nodeId: string) => string,
): SpecialReportView {
  return {
    id: r.id,
    role: r.role,
    fromNode: r.fromNode,
    fromNodeName: nameOf(r.fromNode),
    addressee: r.addressee,
    addresseeLabel: SPECIAL_REPORT_ADDRESSEE_LABELS[r.addressee],
    toNode: r.toNode,
    toNodeName: r.toNode ? nameOf(r.toNode) : null,
    title: r.title,
    body: r.body,
    findingIds: r.findingIds,
    findingCount: r.findingCount,
    submittedBy: r.submittedBy,
    submittedAt: r.submittedAt.toISOString(),
  };
}
