import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EventHandlerRegistry, MESSAGING_OPTIONS, MessagingOptions } from '@liandong/messaging';
import {
  RefusalError,
  StatisticsAcceptedV1,
  StatisticsReturnedV1,
  StatisticsSubmittedV1,
} from '@liandong/protocol';
import { ReceiveDecision } from './reports/appliers/receive-decision.applier';
import { ReceiveSubmission } from './reports/appliers/receive-submission.applier';

/**
 * What statistics events do on the node that receives them. The inbox checked each type's
 * direction (submitted from a descendant, decisions from an ancestor); here only the direct
 * child submits to its parent, and only the direct parent decides.
 */
@Injectable()
export class StatisticsEventsHandler implements OnModuleInit {
  constructor(
    private readonly handlers: EventHandlerRegistry,
    private readonly receiveSubmission: ReceiveSubmission,
    private readonly receiveDecision: ReceiveDecision,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  onModuleInit(): void {
    const h = this.handlers;
    const self = this.options.identity.nodeId;
    h.on<StatisticsSubmittedV1>(
      StatisticsSubmittedV1.type,
      async ({ envelope, manager, issuerPath }) => {
        if (issuerPath[issuerPath.length - 2] !== self)
          throw new RefusalError(
            'NOT_AUTHORIZED',
            'annual statistics are submitted by a direct child only',
          );
        await this.receiveSubmission.apply(manager, envelope.issuer, envelope.payload);
      },
    );
    const fromParent = (issuer: string) => {
      if (issuer !== this.options.identity.parentId)
        throw new RefusalError(
          'NOT_AUTHORIZED',
          'annual statistics are accepted or returned by the direct parent only',
        );
    };
    h.on<StatisticsAcceptedV1>(StatisticsAcceptedV1.type, async ({ envelope, manager }) => {
      fromParent(envelope.issuer);
      await this.receiveDecision.accepted(manager, envelope.issuer, envelope.payload);
    });
    h.on<StatisticsReturnedV1>(StatisticsReturnedV1.type, async ({ envelope, manager }) => {
      fromParent(envelope.issuer);
      await this.receiveDecision.returned(manager, envelope.issuer, envelope.payload);
    });
  }
}
