import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { AuditService, Clock } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { ProgressReportView } from '../../dto/rectification.views';
import { ReviewingOffice } from '../../entities';
import { REVIEWING_OFFICE_LABELS } from '../../labels';
import { rectificationRefusal } from '../../rectification.errors';
import { mapProgressReport } from '../rectification.mapper';
import { lockProgressReport, updateProgressReport } from '../rectification.repository';

/**
 * The three-office review of a progress report: the supervision office, the organization
 * department and the inspection office each sign once, by a user who holds that office's role.
 */
@Injectable()
export class SignProgressReport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(
    reportId: string,
    office: ReviewingOffice,
    user: Principal,
  ): Promise<ProgressReportView> {
    if (!user.roles.includes(office))
      throw rectificationRefusal(
        'NOT_THAT_OFFICE',
        {
          zh: `您不是${REVIEWING_OFFICE_LABELS[office]}的工作人员，不能以${REVIEWING_OFFICE_LABELS[office]}的名义签署。请由${REVIEWING_OFFICE_LABELS[office]}签署，或选择您所在的部门`,
          en: `signing for ${office} needs the ${office} role; ${user.username} holds ${user.roles.join(', ')}`,
        },
        403,
      );
    const report = await this.dataSource.transaction(async (manager) => {
      const report = await lockProgressReport(manager, reportId);
      if (report.signatures.some((s) => s.office === office))
        throw rectificationRefusal('ALREADY_SIGNED', {
          zh: `${REVIEWING_OFFICE_LABELS[office]}已签署这份报告，无需重复签署`,
          en: `${office} has already signed this report`,
        });
      const signatures = [
        ...report.signatures,
        { office, signedBy: user.username, signedAt: this.clock.now().toISOString() },
      ];
      await updateProgressReport(manager, reportId, { signatures });
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'rectification.progress_signed',
        subjectType: 'rectification',
        subjectId: report.rectificationId,
        detail: { progressReportId: reportId, office },
      });
      return { ...report, signatures };
    });
    return mapProgressReport(report);
  }
}
