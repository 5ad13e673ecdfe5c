import { Inject, Injectable } from '@nestjs/common';
import { InspectionFeedbackGivenV1, RefusalError } from '@liandong/protocol';
import { AuditService, Clock, MESSAGING_OPTIONS, MessagingOptions } from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { orderingFor } from '../../cross/cross-order.repository';
import { findRound } from '../../rounds/round.repository';
import { insertReported, updateInspection } from '../inspection.repository';
import { OwnOrganizationFeedback } from '../own-organization-feedback';
import { hostedByOrRefuse } from './hosted-inspection';

/**
 * Feedback from the conducting node. The owner node takes the coverage credit for a
 * hosted inspection; the ordering node and the linked round's node record the result.
 */
@Injectable()
export class RecordFeedback {
  constructor(
    private readonly ownOrganization: OwnOrganizationFeedback,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  private get self(): string {
    return this.options.identity.nodeId;
  }

  async apply(
    manager: EntityManager,
    from: string,
    issuerPath: string[],
    payload: InspectionFeedbackGivenV1,
  ): Promise<void> {
    const feedbackAt = new Date(payload.feedbackAt);
    if (payload.ownerNode === this.self) {
      const hosted = await hostedByOrRefuse(manager, payload.inspectionId, from, this.self);
      await updateInspection(manager, hosted.id, {
        status: 'feedback_given',
        feedbackAt,
        feedbackSummary: payload.summary,
      });
      await this.ownOrganization.record(
        manager,
        { ...hosted, feedbackAt, feedbackSummary: payload.summary },
        payload.problems ?? [],
      );
    } else {
      const reportedUnder = await this.reportedUnder(manager, from, issuerPath, payload);
      await insertReported(manager, {
        id: payload.inspectionId,
        role: 'reported',
        mode: payload.mode,
        roundId: reportedUnder,
        ownerNode: payload.ownerNode,
        conductingNode: from,
        organizationCode: payload.organizationCode,
        organizationName: payload.organizationName,
        organizationCategory: payload.organizationCategory,
        crossOrderId: payload.crossOrderId ?? null,
        windowStart: '1970-01-01',
        windowEnd: '1970-01-01',
        status: 'feedback_given',
        feedbackAt,
        feedbackSummary: payload.summary,
        createdAt: this.clock.now(),
      });
      const round = await findRound(manager, reportedUnder);
      if (round)
        await updateInspection(manager, payload.inspectionId, {
          windowStart: round.windowStart,
          windowEnd: round.windowEnd,
        });
    }
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'inspection.feedback_received',
      subjectType: 'inspection',
      subjectId: payload.inspectionId,
      detail: { mode: payload.mode, organizationName: payload.organizationName },
    });
  }

  /** The round of this node a result belongs under; refuses a sender with no standing here. */
  private async reportedUnder(
    manager: EntityManager,
    from: string,
    issuerPath: string[],
    payload: InspectionFeedbackGivenV1,
  ): Promise<string> {
    if (payload.crossOrderId) {
      const order = await orderingFor(manager, payload.crossOrderId, from);
      if (order) return order.roundId;
    }
    const below = issuerPath.slice(0, -1).includes(this.self);
    if (payload.parentRoundId && below) {
      const round = await findRound(manager, payload.parentRoundId);
      if (round) return round.id;
    }
    throw new RefusalError(
      'NOT_AUTHORIZED',
      `${this.self} neither owns ${payload.organizationCode}, nor ordered ${from}'s inspection, nor has the round it is linked to`,
    );
  }
}
