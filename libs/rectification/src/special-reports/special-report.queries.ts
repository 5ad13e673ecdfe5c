import { Injectable } from '@nestjs/common';
import { NodeNames } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { SpecialReport } from '../entities/special-report.entity';
import { mapSpecialReport } from './special-report.mapper';
import { SpecialReportListView } from './special-report.views';

@Injectable()
export class SpecialReportQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly names: NodeNames,
  ) {}

  /** Newest first: what this node wrote, and what its descendants sent it. */
  async list(): Promise<SpecialReportListView> {
    const rows = await this.dataSource.manager.find(SpecialReport, {
      order: { submittedAt: 'DESC' },
    });
    const map = (r: SpecialReport) => mapSpecialReport(r, (id) => this.names.name(id) ?? id);
    return {
      written: rows.filter((r) => r.role === 'written').map(map),
      received: rows.filter((r) => r.role === 'received').map(map),
    };
  }
}
