import { findOrFail } from '@liandong/common';
import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { AuditService, Clock } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { DecisionDto } from '../../dto/report.dto';
import { DecisionView } from '../../dto/report.views';
import { InspectionReport, ReportDecision } from '../../entities';
import { mapDecision } from '../report.mapper';
import { insertDecision, isDecided, latestReport } from '../report.repository';
import { rectificationRefusal } from '../../rectification.errors';

/** 领导小组决定: on the latest version only, once. */
@Injectable()
export class DecideReport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(reportId: string, dto: DecisionDto, user: Principal): Promise<DecisionView> {
    const decision = await this.dataSource.transaction(async (manager) => {
      const report = await findOrFail(manager, InspectionReport, { id: reportId }, () =>
        rectificationRefusal(
          'REPORT_NOT_FOUND',
          {
            zh: `本节点没有这份巡察报告（编号 ${reportId}）。请从巡察的报告列表重新选择`,
            en: `no report ${reportId}`,
          },
          404,
        ),
      );
      const latest = await latestReport(manager, report.inspectionId);
      if (latest?.id !== report.id)
        throw rectificationRefusal('SUPERSEDED', {
          zh: `第${report.version}版巡察报告已被第${latest?.version}版更正，请对第${latest?.version}版作出决定`,
          en: `version ${report.version} was corrected by version ${latest?.version}; decide on that one`,
        });
      if (await isDecided(manager, reportId))
        throw rectificationRefusal('ALREADY_DECIDED', {
          zh: `领导小组已对第${report.version}版巡察报告作出决定，不能重复决定`,
          en: `report ${reportId} already has a decision`,
        });
      const row = manager.create(ReportDecision, {
        reportId,
        decision: dto.decision,
        decidedBy: user.username,
        decidedAt: this.clock.now(),
      });
      await insertDecision(manager, row);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'report.decided',
        subjectType: 'inspection',
        subjectId: report.inspectionId,
        detail: { reportId, version: report.version },
      });
      return row;
    });
    return mapDecision(decision);
  }
}
