import type { SpecialReportAddressee } from '../entities/special-report.entity';

export const SPECIAL_REPORT_ADDRESSEE_LABELS: Record<SpecialReportAddressee, string> = {
  party_committee: '本级党委',
  ancestor: '上级巡视巡察机构',
};
