import { Injectable } from '@nestjs/common';
import { AuditService, Clock, NodeNames, OutboxService } from '@liandong/messaging';
import { nodeAudience, OversightEngagementAcknowledgedV1 } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { Engagement } from '../../entities';
import { AcknowledgeEngagementDto } from '../engagement.dto';
import { mapEngagement } from '../engagement.mapper';
import { lockEngagement } from '../engagement.repository';
import { EngagementView } from '../engagement.views';
import { requireOpen, requireOverseen } from './overseeing';

/** 签收: the overseen node acknowledges an engagement and tells the overseeing one. Twice changes nothing. */
@Injectable()
export class AcknowledgeEngagement {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
  ) {}

  async execute(id: string, dto: AcknowledgeEngagementDto, actor: string): Promise<EngagementView> {
    const engagement = await this.dataSource.transaction(async (manager) => {
      const engagement = await lockEngagement(manager, id);
      requireOverseen(engagement, this.names);
      requireOpen(engagement);
      if (engagement.acknowledgedAt) return engagement;
      const now = this.clock.now();
      Object.assign(engagement, {
        status: 'acknowledged',
        acknowledgedAt: now,
        acknowledgedBy: dto.acknowledgedBy,
      });
      await manager.update(
        Engagement,
        { id },
        { status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: dto.acknowledgedBy },
      );
      const payload: OversightEngagementAcknowledgedV1 = {
        engagementId: id,
        acknowledgedAt: now.toISOString(),
        acknowledgedBy: dto.acknowledgedBy,
      };
      await this.outbox.emit(manager, {
        type: OversightEngagementAcknowledgedV1.type,
        audience: nodeAudience(engagement.overseeingNode),
        payload,
      });
      await this.audit.record(manager, {
        actor,
        action: 'oversight.engagement_acknowledged',
        subjectType: 'oversight_engagement',
        subjectId: id,
      });
      return engagement;
    });
    return mapEngagement(engagement, this.clock.now(), this.names);
  }
}
