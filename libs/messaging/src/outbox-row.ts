import { Audience, Envelope, EventKind, MAX_ENVELOPE_BYTES } from '@liandong/protocol';

import { OutboxKind } from './entities';
import { messagingRefusal } from './messaging.errors';

export const OUTBOX_CHANNEL = 'ld_outbox';

export interface OutgoingEvent<P extends object> {
  type: string;
  audience: Audience;
  payload: P;
  correlationId?: string;
  causationId?: string | null;
}

/** One row to put in the outbox: an envelope (as sent on the wire) for one target node. */
export interface OutboxRow {
  eventId: string;
  eventType: string;
  targetNode: string;
  kind: OutboxKind;
  envelope: string;
  /** For events: the sequence the envelope carries. */
  issuer?: string;
  audience?: string;
  seq?: string;
  /** Publishes so far, kept when a row is queued again (each publish has its own message id). */
  attempts?: number;
}

/**
 * The envelope as it goes on the wire. One over the protocol's size limit is refused here,
 * in the transaction that would have sent it: the broker would refuse it for ever.
 */
export function serialize(envelope: Envelope): string {
  const raw = JSON.stringify(envelope);
  const bytes = Buffer.byteLength(raw, 'utf8');
  if (bytes > MAX_ENVELOPE_BYTES)
    throw messagingRefusal(
      'ENVELOPE_TOO_LARGE',
      {
        zh: `消息过大：共 ${bytes} 字节，上限 ${MAX_ENVELOPE_BYTES} 字节。请把密件或正文拆分到几份部署中再发。`,
        en: `the ${envelope.type} envelope would be ${bytes} bytes; the limit is ${MAX_ENVELOPE_BYTES}: split the annexes or the text over several directives`,
      },
      422,
    );
  return raw;
}

export const ROW_KIND: Record<EventKind, OutboxKind> = {
  event: 'event',
  receipt: 'receipt',
  control: 'control',
};
