import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventHandlerRegistry } from '@liandong/messaging';
import { InformationRequestAnsweredV1, InformationRequestSentV1 } from '@liandong/protocol';
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
    this.handlers.on<InformationRequestSentV1>(InformationRequestSentV1.type, (event) =>
      this.receiveRequest.apply(event),
    );
    this.handlers.on<InformationRequestAnsweredV1>(InformationRequestAnsweredV1.type, (event) =>
      this.receiveAnswer.apply(event),
    );
  }
}
