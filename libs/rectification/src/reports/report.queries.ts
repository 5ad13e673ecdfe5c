import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ReportVersionView } from '../dto/report.views';
import { InspectionReport, ReportDecision } from '../entities';
import { mapReportVersion } from './report.mapper';

@Injectable()
export class ReportQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Every version of an inspection's report, oldest first, each with the leading group's decision. */
  async versions(inspectionId: string): Promise<ReportVersionView[]> {
    const manager = this.dataSource.manager;
    const reports = await manager.find(InspectionReport, {
      where: { inspectionId },
      order: { version: 'ASC' },
    });
    const decisions = reports.length
      ? await manager.find(ReportDecision, { where: { reportId: In(reports.map((r) => r.id)) } })
      : [];
    return reports.map((r) =>
      mapReportVersion(r, decisions.find((d) => d.reportId === r.id) ?? null),
    );
  }
}
