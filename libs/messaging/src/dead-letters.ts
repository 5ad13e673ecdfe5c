import { RefusalCode, safeText } from '@liandong/protocol';
import { DeadLetter, DeadLetterKind } from './entities';

/** How much of a refused body is kept, as text and as bytes: enough to see what it was, bounded against a flood. */
export const RAW_TEXT_LIMIT = 65_536;

/** One message as the broker delivered it. */
export interface Delivery {
  /** The body as received. */
  data: Uint8Array;
  /** The body decoded as UTF-8 (invalid bytes become U+FFFD). */
  raw: string;
  /** The node that published it (last token of the subject). */
  hopFrom: string | null;
  /** Position in the stream and the time the broker stored it: one delivery, however often redelivered. */
  streamSeq?: number;
  storedAtNanos?: number | bigint;
}

const text = (value: unknown, limit: number) =>
  typeof value === 'string' ? safeText(value.slice(0, limit)) : null;

/**
 * The record of a refused message. Everything stored as text is made storable first
 * (PostgreSQL text cannot hold U+0000, and lone surrogates have no UTF-8 form); the body is
 * also kept as bytes, exactly as it came. A redelivery of the same broker message has the
 * same `delivery` key, so it is recorded once.
 */
export function deadLetter(
  kind: DeadLetterKind,
  code: RefusalCode,
  reason: string,
  delivery: Delivery,
  recordedAt: Date,
  parsed?: unknown,
): Partial<DeadLetter> {
  const fields = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<
    string,
    unknown
  >;
  return {
    kind,
    reasonCode: code,
    reason: safeText(reason.slice(0, 4000)),
    eventId: text(fields.id, 200),
    eventType: text(fields.type, 200),
    issuer: text(fields.issuer, 200),
    hopFrom: delivery.hopFrom,
    raw: safeText(delivery.raw.slice(0, RAW_TEXT_LIMIT)),
    rawBytes: Buffer.from(delivery.data.subarray(0, RAW_TEXT_LIMIT)),
    delivery:
      delivery.streamSeq === undefined
        ? null
        : `${delivery.streamSeq}@${delivery.storedAtNanos ?? 0}`,
    streamSeq: delivery.streamSeq === undefined ? null : String(delivery.streamSeq),
    recordedAt,
  };
}
