import { Injectable } from '@nestjs/common';
import { DirectiveReportedV1, nodeAudience } from '@liandong/protocol';
import { AuditService, Clock, OutboxService } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { mapDirective } from '../directive.mapper';
import { ReportDirectiveDto } from '../dto/directive.dto';
import { DirectiveView } from '../dto/directive.views';
import { Directive } from '../entities';
import { lockReceivedDirective } from './received-directive';
import { directiveRefusal } from '../directives.errors';

/** 落实情况报告: files the implementation report and sends it to the directive's issuer. */
@Injectable()
export class ReportDirective {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, dto: ReportDirectiveDto, actor: string): Promise<DirectiveView> {
    const directive = await this.dataSource.transaction(async (manager) => {
      const directive = await lockReceivedDirective(manager, id);
      if (!directive.acknowledgedAt) {
        throw directiveRefusal(
          'NOT_ACKNOWLEDGED',
          {
            zh: '请先签收这份部署，再报告落实情况',
            en: `acknowledge (签收) directive ${id} before reporting on it`,
          },
          409,
        );
      }
      if (directive.reportedAt) {
        throw directiveRefusal(
          'ALREADY_REPORTED',
          {
            zh: '这份部署的落实情况已经报告过了',
            en: `the implementation report for directive ${id} was filed at ${directive.reportedAt.toISOString()}`,
          },
          409,
        );
      }
      const now = this.clock.now();
      Object.assign(directive, {
        reportedAt: now,
        reportedBy: dto.reportedBy,
        reportSummary: dto.summary,
      });
      await manager.update(
        Directive,
        { id },
        { reportedAt: now, reportedBy: dto.reportedBy, reportSummary: dto.summary },
      );
      const payload: DirectiveReportedV1 = {
        directiveId: id,
        reportedAt: now.toISOString(),
        reportedBy: dto.reportedBy,
        summary: dto.summary,
      };
      await this.outbox.emit(manager, {
        type: DirectiveReportedV1.type,
        audience: nodeAudience(directive.issuerNode),
        payload,
      });
      await this.audit.record(manager, {
        actor,
        action: 'directive.reported',
        subjectType: 'directive',
        subjectId: id,
        detail: { summary: dto.summary },
      });
      return directive;
    });
    return mapDirective(directive, this.clock.now());
  }
}
