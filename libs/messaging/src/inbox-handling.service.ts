import { Injectable, Logger } from '@nestjs/common';
import { Envelope, RefusalError } from '@liandong/protocol';
import { BatchWrites } from './batch-writes';
import { Authentic } from './envelope-admission';
import { EventHandlerRegistry } from './event-handlers';
import { HandlerRefusal, Settlement } from './inbox-settlement';
import { isTransient } from './transient';

/**
 * Runs an event's domain handler in the inbox batch's transaction, and says what its failure
 * means: a refusal, or a failure that would be the same every time, settles the event as
 * dead-lettered (the batch is settled again without it); a passing failure is retried.
 */
@Injectable()
export class InboxHandling {
  private readonly logger = new Logger(InboxHandling.name);

  constructor(private readonly handlers: EventHandlerRegistry) {}

  /** Runs the type's handler in the batch's transaction. */
  async apply(writes: BatchWrites, event: Authentic): Promise<Settlement> {
    const { envelope } = event;
    const handler = this.handlers.handlerFor(envelope.type);
    if (!handler)
      return {
        outcome: 'dead_lettered',
        code: 'UNKNOWN_TYPE',
        reason: `this node has no handler for ${envelope.type}`,
      };
    try {
      await handler({
        envelope: envelope as Envelope<never>,
        issuerPath: event.verified?.path ?? [],
        hopFrom: event.hopFrom,
        manager: writes.manager,
        later: writes.later,
      });
      return { outcome: 'applied' };
    } catch (error) {
      if (error instanceof RefusalError)
        throw new HandlerRefusal(envelope.id, {
          outcome: 'dead_lettered',
          code: error.code,
          reason: error.message,
        });
      if (isTransient(error)) throw error;
      // Bad data or a bug: the same every time. Settled as failed, never retried.
      this.logger.error(
        { msg: 'handler failed', type: envelope.type, eventId: envelope.id },
        (error as Error).stack,
      );
      throw new HandlerRefusal(envelope.id, {
        outcome: 'dead_lettered',
        code: 'HANDLER_FAILED',
        reason: `the handler of ${envelope.type} failed: ${(error as Error).message}`,
      });
    }
  }
}
