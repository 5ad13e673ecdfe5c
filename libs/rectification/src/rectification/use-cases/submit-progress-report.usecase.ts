import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { AuditService, Clock } from '@liandong/messaging';
import { CoverageReporter } from '@liandong/planning';
import { uuidv7 } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { ProgressReportDto } from '../../dto/rectification.dto';
import { ProgressReportView } from '../../dto/rectification.views';
import { ProgressReport } from '../../entities';
import { mapProgressReport } from '../rectification.mapper';
import { insertProgressReport, lockRectification } from '../rectification.repository';

/**
 * 报送整改进展情况报告: the report stops the deadline's alerts; the three offices then sign it
 * (SignProgressReport).
 */
@Injectable()
export class SubmitProgressReport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly coverage: CoverageReporter,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, dto: ProgressReportDto, user: Principal): Promise<ProgressReportView> {
    const report = await this.dataSource.transaction(async (manager) => {
      await lockRectification(manager, id);
      const report = manager.create(ProgressReport, {
        id: uuidv7(this.clock.now().getTime()),
        rectificationId: id,
        text: dto.text,
        submittedBy: user.username,
        submittedAt: this.clock.now(),
        signatures: [],
      });
      await insertProgressReport(manager, report);
      await this.coverage.report(manager);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'rectification.progress_reported',
        subjectType: 'rectification',
        subjectId: id,
        detail: { progressReportId: report.id },
      });
      return report;
    });
    return mapProgressReport(report);
  }
}
