import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventHandlerRegistry } from '@liandong/messaging';
import {
  InformationAnsweredV1,
  InformationRequestedV1,
  InformationRequestedV2,
} from '@liandong/protocol';
import { ReceiveAnswer } from './appliers/receive-answer.applier';
import { ReceiveRequest } from './appliers/receive-request.applier';

/** Registers the information request events and hands each to its applier. */
@Injectable()
export class RequestEventsHandler implements OnModuleInit {
  constructor(
    private readonly handlers: EventHandlerRegistry,
    private readonly receiveRequest: ReceiveRequest,
    private readonly receiveAnswer: ReceiveAnswer,
  ) {}

  onModuleInit(): void {
    this.handlers.on<InformationRequestedV1>(InformationRequestedV1.type, (event) =>
      this.receiveRequest.apply(event),
    );
    this.handlers.on<InformationRequestedV2>(InformationRequestedV2.type, (event) =>
      this.receiveRequest.applySealed(event),
    );
    this.handlers.on<InformationAnsweredV1>(InformationAnsweredV1.type, (event) =>
      this.receiveAnswer.apply(event),
    );
  }
}
