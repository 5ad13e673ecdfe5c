import { Injectable } from '@nestjs/common';
import { AuditService, Clock, NodeNames, OutboxService } from '@liandong/messaging';
import { chinaDate, nodeAudience, OversightAccessGrantedV1 } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { areasOf, AREA_LABELS } from '../../checklist';
import { Engagement } from '../../entities';
import { oversightRefusal } from '../../oversight.errors';
import { GrantAccessDto } from '../engagement.dto';
import { mapEngagement } from '../engagement.mapper';
import { lockEngagement } from '../engagement.repository';
import { EngagementView } from '../engagement.views';
import { requireOpen, requireOverseen } from './overseeing';

/**
 * 授权查阅: the overseen node lets the overseeing one read the areas its checklist covers
 * (those chosen), from today (or the window's start) to the window's last day, audited.
 */
@Injectable()
export class GrantAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
  ) {}

  async execute(id: string, dto: GrantAccessDto, actor: string): Promise<EngagementView> {
    const engagement = await this.dataSource.transaction(async (manager) => {
      const engagement = await lockEngagement(manager, id);
      requireOverseen(engagement, this.names);
      requireOpen(engagement);
      if (!engagement.acknowledgedAt)
        throw oversightRefusal('NOT_ACKNOWLEDGED', {
          zh: '请先签收这项指导督导，再授权督导方查阅',
          en: `acknowledge engagement ${id} before granting access`,
        });
      const covered = areasOf(engagement.checklist);
      const outside = dto.areas.filter((a) => !covered.includes(a));
      if (outside.length > 0)
        throw oversightRefusal('AREA_NOT_GRANTED', {
          zh: `督导清单不涉及这些方面：${outside.map((a) => AREA_LABELS[a]).join('、')}。只能授权查阅清单涉及的方面：${covered.map((a) => AREA_LABELS[a]).join('、')}`,
          en: `the checklist does not cover ${outside.join(', ')}; grant only ${covered.join(', ')}`,
        });
      const now = this.clock.now();
      const today = chinaDate(now);
      const validFrom = today > engagement.windowStart ? today : engagement.windowStart;
      const validUntil = engagement.windowEnd;
      if (validUntil < today)
        throw oversightRefusal('GRANT_EXPIRED', {
          zh: `督导期已于 ${validUntil} 结束，不能再授权查阅`,
          en: `the engagement's window ended on ${validUntil}; there is nothing left to grant`,
        });
      const change = {
        grantedAreas: dto.areas,
        grantFrom: validFrom,
        grantUntil: validUntil,
        grantedAt: now,
      };
      Object.assign(engagement, change);
      await manager.update(Engagement, { id }, change);
      const payload: OversightAccessGrantedV1 = {
        engagementId: id,
        areas: dto.areas,
        validFrom,
        validUntil,
        grantedAt: now.toISOString(),
      };
      await this.outbox.emit(manager, {
        type: OversightAccessGrantedV1.type,
        audience: nodeAudience(engagement.overseeingNode),
        payload,
      });
      await this.audit.record(manager, {
        actor,
        action: 'oversight.access_granted',
        subjectType: 'oversight_engagement',
        subjectId: id,
        detail: { areas: dto.areas, validFrom, validUntil },
      });
      return engagement;
    });
    return mapEngagement(engagement, this.clock.now(), this.names);
  }
}
