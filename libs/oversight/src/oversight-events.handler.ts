import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EventHandlerRegistry, MESSAGING_OPTIONS, MessagingOptions } from '@liandong/messaging';
import {
  OversightAccessGrantedV1,
  OversightAttendanceRecordedV1,
  OversightEngagementAcknowledgedV1,
  OversightEngagementClosedV1,
  OversightEngagementOpenedV1,
  OversightRecommendationAnsweredV1,
  OversightReportedV1,
  RefusalError,
} from '@liandong/protocol';
import { settleOpenings } from './engagements/engagement.repository';
import { ReceiveAttendance } from './engagements/appliers/receive-attendance.applier';
import { ReceiveClosing } from './engagements/appliers/receive-closing.applier';
import { ReceiveEngagement } from './engagements/appliers/receive-engagement.applier';
import { RecordAcknowledgement } from './engagements/appliers/record-acknowledgement.applier';
import { RecordChildOversight } from './figures/appliers/record-child-oversight.applier';
import { OversightReporter } from './figures/oversight-reporter';
import { ReceiveAnswer } from './recommendations/appliers/receive-answer.applier';

/**
 * What oversight events do on the node that receives them. The inbox checked each type's
 * direction (opened and closed come from a proper ancestor, the rest from a descendant);
 * each applier checks the sender's standing in the engagement it names.
 */
@Injectable()
export class OversightEventsHandler implements OnModuleInit {
  constructor(
    private readonly handlers: EventHandlerRegistry,
    private readonly receiveEngagement: ReceiveEngagement,
    private readonly recordAcknowledgement: RecordAcknowledgement,
    private readonly receiveClosing: ReceiveClosing,
    private readonly receiveAttendance: ReceiveAttendance,
    private readonly receiveAnswer: ReceiveAnswer,
    private readonly recordChildOversight: RecordChildOversight,
    private readonly reporter: OversightReporter,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  onModuleInit(): void {
    const h = this.handlers;
    h.on<OversightEngagementOpenedV1>(OversightEngagementOpenedV1.type, ({ envelope, manager }) =>
      this.receiveEngagement.apply(manager, envelope.issuer, envelope.payload),
    );
    h.on<OversightEngagementAcknowledgedV1>(
      OversightEngagementAcknowledgedV1.type,
      ({ envelope, manager }) =>
        this.recordAcknowledgement.acknowledged(manager, envelope.issuer, envelope.payload),
    );
    h.on<OversightAccessGrantedV1>(OversightAccessGrantedV1.type, ({ envelope, manager }) =>
      this.recordAcknowledgement.granted(manager, envelope.issuer, envelope.payload),
    );
    h.on<OversightEngagementClosedV1>(OversightEngagementClosedV1.type, ({ envelope, manager }) =>
      this.receiveClosing.apply(manager, envelope.issuer, envelope.payload),
    );
    h.on<OversightAttendanceRecordedV1>(
      OversightAttendanceRecordedV1.type,
      ({ envelope, manager }) =>
        this.receiveAttendance.apply(manager, envelope.issuer, envelope.payload),
    );
    h.on<OversightRecommendationAnsweredV1>(
      OversightRecommendationAnsweredV1.type,
      ({ envelope, manager }) =>
        this.receiveAnswer.apply(manager, envelope.issuer, envelope.payload),
    );
    h.on<OversightReportedV1>(
      OversightReportedV1.type,
      async ({ envelope, manager, issuerPath }) => {
        if (issuerPath[issuerPath.length - 2] !== this.options.identity.nodeId)
          throw new RefusalError(
            'NOT_AUTHORIZED',
            'oversight figures are reported by a direct child only',
          );
        await this.recordChildOversight.apply(manager, envelope.issuer, envelope.payload);
      },
    );
    // A refused opening no longer counts as open: the figures go up again.
    h.onReceipt(async (receipts, manager) => {
      if ((await settleOpenings(manager, receipts)) > 0) await this.reporter.report(manager);
    });
  }
}
