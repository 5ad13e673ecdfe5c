import { Injectable } from '@nestjs/common';
import { DirectiveAcknowledgedV1, nodeAudience } from '@liandong/protocol';
import { AuditService, Clock, OutboxService } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { mapDirective } from '../directive.mapper';
import { AcknowledgeDirectiveDto } from '../dto/directive.dto';
import { DirectiveView } from '../dto/directive.views';
import { Directive } from '../entities';
import { lockReceivedDirective } from './received-directive';

/** 签收: acknowledges a received directive and tells its issuer. Acknowledging twice changes nothing. */
@Injectable()
export class AcknowledgeDirective {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, dto: AcknowledgeDirectiveDto, actor: string): Promise<DirectiveView> {
    const directive = await this.dataSource.transaction(async (manager) => {
      const directive = await lockReceivedDirective(manager, id);
      if (directive.acknowledgedAt) return directive;
      const now = this.clock.now();
      directive.acknowledgedAt = now;
      directive.acknowledgedBy = dto.acknowledgedBy;
      await manager.update(
        Directive,
        { id },
        { acknowledgedAt: now, acknowledgedBy: dto.acknowledgedBy },
      );
      const payload: DirectiveAcknowledgedV1 = {
        directiveId: id,
        acknowledgedAt: now.toISOString(),
        acknowledgedBy: dto.acknowledgedBy,
      };
      await this.outbox.emit(manager, {
        type: DirectiveAcknowledgedV1.type,
        audience: nodeAudience(directive.issuerNode),
        payload,
      });
      await this.audit.record(manager, {
        actor,
        action: 'directive.acknowledged',
        subjectType: 'directive',
        subjectId: id,
      });
      return directive;
    });
    return mapDirective(directive, this.clock.now());
  }
}
