import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EventHandlerRegistry, MESSAGING_OPTIONS, MessagingOptions } from '@liandong/messaging';
import { ProblemsReportedV1, RefusalError } from '@liandong/protocol';
import { RecordChildProblems } from './appliers/record-child-problems.applier';

/**
 * `problems.reported.v1` on the node that receives it: the inbox checked it comes from a
 * descendant; only a direct child reports its subtree (anyone else is refused to a dead letter).
 */
@Injectable()
export class ProblemsEventsHandler implements OnModuleInit {
  constructor(
    private readonly handlers: EventHandlerRegistry,
    private readonly record: RecordChildProblems,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  onModuleInit(): void {
    this.handlers.on<ProblemsReportedV1>(
      ProblemsReportedV1.type,
      async ({ envelope, manager, issuerPath }) => {
        if (issuerPath[issuerPath.length - 2] !== this.options.identity.nodeId)
          throw new RefusalError(
            'NOT_AUTHORIZED',
            'problem counts are reported by a direct child only',
          );
        await this.record.apply(manager, envelope.issuer, envelope.payload);
      },
    );
  }
}
