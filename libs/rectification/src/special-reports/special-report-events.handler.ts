import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventHandlerRegistry } from '@liandong/messaging';
import { SpecialReportSubmittedV1 } from '@liandong/protocol';
import { ReceiveSpecialReport } from './receive-special-report.applier';

/** Registers the special report event and hands it to its applier. */
@Injectable()
export class SpecialReportEventsHandler implements OnModuleInit {
  constructor(
    private readonly handlers: EventHandlerRegistry,
    private readonly receive: ReceiveSpecialReport,
  ) {}

  onModuleInit(): void {
    this.handlers.on<SpecialReportSubmittedV1>(SpecialReportSubmittedV1.type, (event) =>
      this.receive.apply(event),
    );
  }
}
