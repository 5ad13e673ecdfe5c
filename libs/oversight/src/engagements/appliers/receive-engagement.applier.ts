import { Inject, Injectable } from '@nestjs/common';
import { AuditService, Clock, MESSAGING_OPTIONS, MessagingOptions } from '@liandong/messaging';
import { InspectionDirectory } from '@liandong/planning';
import { chinaDate, OversightEngagementOpenedV1, RefusalError } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { Engagement } from '../../entities';

/**
 * An ancestor's engagement reaches the overseen node (the down direction was checked by the
 * inbox): recorded for its office to acknowledge. An on-site engagement names a live round
 * of this node.
 */
@Injectable()
export class ReceiveEngagement {
  constructor(
    private readonly inspections: InspectionDirectory,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async apply(
    manager: EntityManager,
    from: string,
    payload: OversightEngagementOpenedV1,
  ): Promise<void> {
    if (payload.windowEnd < payload.windowStart)
      throw new RefusalError(
        'INVALID_PAYLOAD',
        `windowEnd ${payload.windowEnd} is before windowStart`,
      );
    const roundId = payload.roundId ?? null;
    if ((payload.form === 'on_site') !== (roundId !== null))
      throw new RefusalError(
        'INVALID_PAYLOAD',
        'an on_site engagement, and only it, names a round',
      );
    if (roundId) {
      const round = await this.inspections.round(manager, roundId);
      if (!round) throw new RefusalError('NOT_FOUND', `no round ${roundId} on this node`);
      if (round.windowEnd < chinaDate(this.clock.now()))
        throw new RefusalError(
          'CONFLICT',
          `round ${roundId} ended on ${round.windowEnd}; on-site follow-up is of a live round`,
        );
    }
    if (await manager.findOne(Engagement, { where: { id: payload.engagementId } }))
      throw new RefusalError('CONFLICT', `engagement ${payload.engagementId} is held already`);
    await manager.insert(Engagement, {
      id: payload.engagementId,
      role: 'overseen',
      overseeingNode: from,
      overseenNode: this.options.identity.nodeId,
      form: payload.form,
      roundId,
      title: payload.title,
      windowStart: payload.windowStart,
      windowEnd: payload.windowEnd,
      people: payload.people.map((p) => ({ name: p.name, post: p.post })),
      checklist: payload.checklist,
      status: 'opened',
      acknowledgedAt: null,
      acknowledgedBy: null,
      grantedAreas: null,
      grantFrom: null,
      grantUntil: null,
      grantedAt: null,
      assessment: null,
      closedAt: null,
      eventId: null,
      refusalReason: null,
      createdBy: `node:${from}`,
      createdAt: this.clock.now(),
    });
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'oversight.engagement_received',
      subjectType: 'oversight_engagement',
      subjectId: payload.engagementId,
      detail: { form: payload.form },
    });
  }
}
