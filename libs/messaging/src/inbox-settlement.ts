import { RefusalCode } from '@liandong/protocol';
import { deadLetter } from './dead-letters';
import { DeadLetter, DeadLetterKind, InboxOutcome } from './entities';
import { Authentic } from './envelope-admission';

/** What became of an event on this node. */
export interface Settlement {
  outcome: InboxOutcome;
  code?: RefusalCode;
  reason?: string;
}

/** A handler refused its event (or failed for good): the batch is rolled back and settled again without it. */
export class HandlerRefusal extends Error {
  constructor(
    readonly eventId: string,
    readonly settlement: Settlement,
  ) {
    super(`handler refused ${eventId}: ${settlement.reason}`);
    this.name = 'HandlerRefusal';
  }
}

/** The record of an admitted event this node refused. */
export function eventLetter(
  kind: DeadLetterKind,
  code: RefusalCode,
  reason: string,
  event: Authentic,
  recordedAt: Date,
): Partial<DeadLetter> {
  const delivery = event.delivery ?? {
    data: Buffer.from(event.raw),
    raw: event.raw,
    hopFrom: event.hopFrom,
  };
  return deadLetter(kind, code, reason, delivery, recordedAt, event.envelope);
}
