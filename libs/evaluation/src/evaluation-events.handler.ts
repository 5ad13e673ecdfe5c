import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventHandlerRegistry } from '@liandong/messaging';
import { EvaluationAggregatedV1 } from '@liandong/protocol';
import { ReceiveAggregate } from './received/appliers/receive-aggregate.applier';

/**
 * What evaluation events do on the node that receives them. `evaluation.aggregated.v1` may come
 * from any certified node (direction `any`); the applier authorizes it against the inspection
 * this node conducts: only its organization's node may send it.
 */
@Injectable()
export class EvaluationEventsHandler implements OnModuleInit {
  constructor(
    private readonly handlers: EventHandlerRegistry,
    private readonly receiveAggregate: ReceiveAggregate,
  ) {}

  onModuleInit(): void {
    this.handlers.on<EvaluationAggregatedV1>(EvaluationAggregatedV1.type, ({ envelope, manager }) =>
      this.receiveAggregate.apply(manager, envelope.issuer, envelope.payload),
    );
  }
}
