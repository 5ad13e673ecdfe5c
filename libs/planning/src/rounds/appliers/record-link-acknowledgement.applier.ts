import { Injectable } from '@nestjs/common';
import { RefusalError, RoundLinkAcknowledgedV1 } from '@liandong/protocol';
import { AuditService } from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { acknowledgeLink } from '../round.repository';

/** A child opened the linked round it was asked for; only a child that was asked may say so. */
@Injectable()
export class RecordLinkAcknowledgement {
  constructor(private readonly audit: AuditService) {}

  async apply(
    manager: EntityManager,
    childNode: string,
    payload: RoundLinkAcknowledgedV1,
  ): Promise<void> {
    const asked = await acknowledgeLink(manager, {
      roundId: payload.parentRoundId,
      childNode,
      childRoundId: payload.roundId,
      acknowledgedAt: new Date(payload.acknowledgedAt),
    });
    if (!asked)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `${childNode} was not asked for a linked round of ${payload.parentRoundId}`,
      );
    await this.audit.record(manager, {
      actor: `node:${childNode}`,
      action: 'round.link_acknowledged',
      subjectType: 'round',
      subjectId: payload.parentRoundId,
      detail: { childRoundId: payload.roundId },
    });
  }
}
