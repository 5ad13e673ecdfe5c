import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  CoverageReportedV1,
  CrossAccessGrantedV1,
  CrossOrderedV1,
  InspectionEscalatedV1,
  InspectionFeedbackGivenV1,
  InspectionHandedBackV1,
  RefusalError,
  RoundLinkAcknowledgedV1,
  RoundLinkedV1,
  SecondmentDecidedV1,
  SecondmentRequestedV1,
  SecondmentRequestedV2,
} from '@liandong/protocol';
import { EventHandlerRegistry, MESSAGING_OPTIONS, MessagingOptions } from '@liandong/messaging';
import { RecordChildCoverage } from './coverage/appliers/record-child-coverage.applier';
import { ReceiveCrossAccess } from './cross/appliers/receive-cross-access.applier';
import { ReceiveCrossOrder } from './cross/appliers/receive-cross-order.applier';
import { SettleCrossOrders } from './cross/appliers/settle-cross-orders.applier';
import { AcceptEscalation } from './inspections/appliers/accept-escalation.applier';
import { ReceiveSupervision } from './inspections/appliers/receive-supervision.applier';
import { RecordFeedback } from './inspections/appliers/record-feedback.applier';
import { SettleEscalations } from './inspections/appliers/settle-escalations.applier';
import { ReceiveSecondmentDecision } from './personnel/appliers/receive-secondment-decision.applier';
import { ReceiveSecondmentRequest } from './personnel/appliers/receive-secondment-request.applier';
import { OpenLinkedRound } from './rounds/appliers/open-linked-round.applier';
import { RecordLinkAcknowledgement } from './rounds/appliers/record-link-acknowledgement.applier';

/**
 * What planning events do on the node that receives them: each is translated to the applier
 * that records it. The senders a whole event type is for are checked here; each applier
 * checks the sender's standing for what the event names.
 */
@Injectable()
export class PlanningEventsHandler implements OnModuleInit {
  constructor(
    private readonly handlers: EventHandlerRegistry,
    private readonly openLinkedRound: OpenLinkedRound,
    private readonly recordLinkAcknowledgement: RecordLinkAcknowledgement,
    private readonly acceptEscalation: AcceptEscalation,
    private readonly receiveCrossOrder: ReceiveCrossOrder,
    private readonly receiveCrossAccess: ReceiveCrossAccess,
    private readonly recordFeedback: RecordFeedback,
    private readonly receiveSupervision: ReceiveSupervision,
    private readonly recordChildCoverage: RecordChildCoverage,
    private readonly receiveSecondmentRequest: ReceiveSecondmentRequest,
    private readonly receiveSecondmentDecision: ReceiveSecondmentDecision,
    private readonly settleEscalations: SettleEscalations,
    private readonly settleCrossOrders: SettleCrossOrders,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  onModuleInit(): void {
    const h = this.handlers;
    h.on<RoundLinkedV1>(RoundLinkedV1.type, async ({ envelope, manager }) => {
      if (envelope.issuer !== this.options.identity.parentId)
        throw new RefusalError('NOT_AUTHORIZED', 'a linked round is asked for by the parent');
      await this.openLinkedRound.apply(manager, envelope.issuer, envelope.payload);
    });
    h.on<RoundLinkAcknowledgedV1>(RoundLinkAcknowledgedV1.type, ({ envelope, manager }) =>
      this.recordLinkAcknowledgement.apply(manager, envelope.issuer, envelope.payload),
    );
    h.on<InspectionEscalatedV1>(InspectionEscalatedV1.type, ({ envelope, manager }) =>
      this.acceptEscalation.apply(manager, envelope.issuer, envelope.payload),
    );
    h.on<CrossOrderedV1>(CrossOrderedV1.type, ({ envelope, manager }) =>
      this.receiveCrossOrder.apply(manager, envelope.issuer, envelope.payload),
    );
    h.on<CrossAccessGrantedV1>(CrossAccessGrantedV1.type, ({ envelope, manager }) =>
      this.receiveCrossAccess.apply(manager, envelope.issuer, envelope.payload),
    );
    h.on<InspectionFeedbackGivenV1>(
      InspectionFeedbackGivenV1.type,
      ({ envelope, manager, issuerPath }) =>
        this.recordFeedback.apply(manager, envelope.issuer, issuerPath, envelope.payload),
    );
    h.on<InspectionHandedBackV1>(InspectionHandedBackV1.type, ({ envelope, manager }) =>
      this.receiveSupervision.apply(manager, envelope.issuer, envelope.payload),
    );
    h.on<CoverageReportedV1>(CoverageReportedV1.type, async ({ envelope, manager, issuerPath }) => {
      if (issuerPath[issuerPath.length - 2] !== this.options.identity.nodeId)
        throw new RefusalError('NOT_AUTHORIZED', 'coverage is reported by a direct child only');
      await this.recordChildCoverage.apply(manager, envelope.issuer, envelope.id, envelope.payload);
    });
    h.on<SecondmentRequestedV1>(SecondmentRequestedV1.type, ({ envelope, manager, issuerPath }) =>
      this.receiveSecondmentRequest.apply(manager, envelope.issuer, issuerPath, envelope.payload),
    );
    h.on<SecondmentRequestedV2>(SecondmentRequestedV2.type, ({ envelope, manager, issuerPath }) =>
      this.receiveSecondmentRequest.apply(manager, envelope.issuer, issuerPath, envelope.payload),
    );
    h.on<SecondmentDecidedV1>(SecondmentDecidedV1.type, ({ envelope, manager }) =>
      this.receiveSecondmentDecision.apply(manager, envelope.issuer, envelope.payload),
    );
    h.onReceipt((receipts, manager) => this.settleEscalations.apply(manager, receipts));
    h.onReceipt((receipts, manager) => this.settleCrossOrders.apply(manager, receipts));
  }
}
