import { Injectable } from '@nestjs/common';
import { AuditService } from '@liandong/messaging';
import {
  OversightAccessGrantedV1,
  OversightEngagementAcknowledgedV1,
  RefusalError,
} from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { areasOf } from '../../checklist';
import { Engagement } from '../../entities';
import { heldWith } from '../engagement.repository';

const notHeld = (id: string, from: string) =>
  new RefusalError(
    'NOT_AUTHORIZED',
    `this node holds no engagement ${id} over ${from}; only the overseen node acknowledges or grants`,
  );

/** The overseen node's acknowledgement and its read grant, at the overseeing node. */
@Injectable()
export class RecordAcknowledgement {
  constructor(private readonly audit: AuditService) {}

  async acknowledged(
    manager: EntityManager,
    from: string,
    payload: OversightEngagementAcknowledgedV1,
  ): Promise<void> {
    const engagement = await heldWith(manager, payload.engagementId, 'overseeing', from);
    if (!engagement) throw notHeld(payload.engagementId, from);
    if (engagement.status !== 'opened') return;
    await manager.update(
      Engagement,
      { id: engagement.id },
      {
        status: 'acknowledged',
        acknowledgedAt: new Date(payload.acknowledgedAt),
        acknowledgedBy: payload.acknowledgedBy,
      },
    );
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'oversight.acknowledgement_received',
      subjectType: 'oversight_engagement',
      subjectId: engagement.id,
    });
  }

  async granted(
    manager: EntityManager,
    from: string,
    payload: OversightAccessGrantedV1,
  ): Promise<void> {
    const engagement = await heldWith(manager, payload.engagementId, 'overseeing', from);
    if (!engagement) throw notHeld(payload.engagementId, from);
    const covered = areasOf(engagement.checklist);
    const outside = payload.areas.filter((a) => !covered.includes(a));
    if (outside.length > 0)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `the grant names areas outside the checklist: ${outside.join(', ')}`,
      );
    if (
      payload.validFrom > payload.validUntil ||
      payload.validUntil > engagement.windowEnd ||
      payload.validFrom < engagement.windowStart
    )
      throw new RefusalError(
        'INVALID_PAYLOAD',
        `the grant ${payload.validFrom}–${payload.validUntil} is not within the window ${engagement.windowStart}–${engagement.windowEnd}`,
      );
    await manager.update(
      Engagement,
      { id: engagement.id },
      {
        grantedAreas: payload.areas,
        grantFrom: payload.validFrom,
        grantUntil: payload.validUntil,
        grantedAt: new Date(payload.grantedAt),
      },
    );
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'oversight.access_received',
      subjectType: 'oversight_engagement',
      subjectId: engagement.id,
      detail: {
        areas: payload.areas,
        validFrom: payload.validFrom,
        validUntil: payload.validUntil,
      },
    });
  }
}
