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
} from '@liandong/protocol';
import {
  AuditService,
  EventHandlerRegistry,
  MESSAGING_OPTIONS,
  MessagingOptions,
} from '@liandong/messaging';
import { RecordChildCoverage } from './coverage/appliers/record-child-coverage.applier';
import { CrossService } from './cross/cross.service';
import { InspectionsService } from './inspections/inspections.service';
import { OpenLinkedRound } from './rounds/appliers/open-linked-round.applier';
import { RecordLinkAcknowledgement } from './rounds/appliers/record-link-acknowledgement.applier';
import { ReceiveSecondmentDecision } from './personnel/appliers/receive-secondment-decision.applier';
import { ReceiveSecondmentRequest } from './personnel/appliers/receive-secondment-request.applier';

/** What planning events do on the node that receives them; each handler checks its sender. */
@Injectable()
export class PlanningEventsHandler implements OnModuleInit {
  constructor(
    private readonly handlers: EventHandlerRegistry,
    private readonly linkedRound: OpenLinkedRound,
    private readonly linkAcknowledgement: RecordLinkAcknowledgement,
    private readonly inspections: InspectionsService,
    private readonly cross: CrossService,
    private readonly childCoverage: RecordChildCoverage,
    private readonly secondmentRequest: ReceiveSecondmentRequest,
    private readonly secondmentDecision: ReceiveSecondmentDecision,
    private readonly audit: AuditService,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  onModuleInit(): void {
    const h = this.handlers;
    h.on<RoundLinkedV1>(RoundLinkedV1.type, async ({ envelope, manager }) => {
      if (envelope.issuer !== this.options.identity.parentId)
        throw new RefusalError('NOT_AUTHORIZED', 'a linked round is asked for by the parent');
      await this.linkedRound.apply(manager, envelope.issuer, envelope.payload);
    });
    h.on<RoundLinkAcknowledgedV1>(RoundLinkAcknowledgedV1.type, ({ envelope, manager }) =>
      this.linkAcknowledgement.apply(manager, envelope.issuer, envelope.payload),
    );
    h.on<InspectionEscalatedV1>(InspectionEscalatedV1.type, ({ envelope, manager }) =>
      this.inspections.escalationReceived(manager, envelope.issuer, envelope.payload),
    );
    h.on<CrossOrderedV1>(CrossOrderedV1.type, ({ envelope, manager }) =>
      this.cross.ordered(manager, envelope.issuer, envelope.payload),
    );
    h.on<CrossAccessGrantedV1>(CrossAccessGrantedV1.type, ({ envelope, manager }) =>
      this.cross.accessGranted(manager, envelope.issuer, envelope.payload),
    );
    h.on<InspectionFeedbackGivenV1>(
      InspectionFeedbackGivenV1.type,
      ({ envelope, manager, issuerPath }) =>
        this.inspections.feedbackReceived(manager, envelope.issuer, issuerPath, envelope.payload),
    );
    h.on<InspectionHandedBackV1>(InspectionHandedBackV1.type, ({ envelope, manager }) =>
      this.inspections.handedBack(manager, envelope.issuer, envelope.payload),
    );
    h.on<CoverageReportedV1>(CoverageReportedV1.type, async ({ envelope, manager, issuerPath }) => {
      if (issuerPath[issuerPath.length - 2] !== this.options.identity.nodeId)
        throw new RefusalError('NOT_AUTHORIZED', 'coverage is reported by a direct child only');
      await this.childCoverage.apply(manager, envelope.issuer, envelope.id, envelope.payload);
    });
    h.on<SecondmentRequestedV1>(SecondmentRequestedV1.type, ({ envelope, manager, issuerPath }) =>
      this.secondmentRequest.apply(manager, envelope.issuer, issuerPath, envelope.payload),
    );
    h.on<SecondmentDecidedV1>(SecondmentDecidedV1.type, ({ envelope, manager }) =>
      this.secondmentDecision.apply(manager, envelope.issuer, envelope.payload),
    );
    h.onReceipt((receipts, manager) => this.inspections.receipted(manager, receipts));
    h.onReceipt((receipts, manager) => this.cross.receipted(manager, receipts));
  }
}
