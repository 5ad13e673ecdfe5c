import {
  Envelope,
  MAX_RANGE_RECEIPT_EVENTS,
  RangeRefusalV1,
  ReceiptRangeV1,
  ReceiptV1,
} from '@liandong/protocol';

/** A receipt an inbox batch owes: to whom, about which envelope, saying what. */
export interface OwedReceipt {
  to: string[];
  envelope: Envelope;
  receipt: ReceiptV1;
  /** Settled by this batch for the first time (not a duplicate or a stale number): may join a range. */
  settledNow: boolean;
}

export type ReceiptMessage =
  | { type: typeof ReceiptV1.type; to: string; payload: ReceiptV1; about: Envelope }
  | { type: typeof ReceiptRangeV1.type; to: string; payload: ReceiptRangeV1; about: Envelope };

/**
 * The receipts of one inbox batch, per recipient: a run of consecutive numbers of one
 * sequence, settled by this batch, becomes one range receipt for a recipient that reads
 * them (protocol.md §6.1); everything else (and a run of one) a receipt of its own.
 */
export function receiptMessages(
  owed: OwedReceipt[],
  readsRanges: (nodeId: string) => boolean,
): ReceiptMessage[] {
  const messages: ReceiptMessage[] = [];
  const recipients = [...new Set(owed.flatMap((o) => o.to))];
  for (const to of recipients) {
    let run: OwedReceipt[] = [];
    const close = () => {
      if (run.length === 1) messages.push(single(to, run[0]));
      else if (run.length > 1) messages.push(range(to, run));
      run = [];
    };
    for (const o of owed) {
      if (!o.to.includes(to)) continue;
      if (!o.settledNow || !readsRanges(to)) {
        close();
        messages.push(single(to, o));
        continue;
      }
      const last = run[run.length - 1]?.envelope;
      if (
        last &&
        (last.issuer !== o.envelope.issuer ||
          last.audience !== o.envelope.audience ||
          last.seq + 1 !== o.envelope.seq ||
          run.length >= MAX_RANGE_RECEIPT_EVENTS)
      )
        close();
      run.push(o);
    }
    close();
  }
  return messages;
}

function single(to: string, o: OwedReceipt): ReceiptMessage {
  return { type: ReceiptV1.type, to, payload: o.receipt, about: o.envelope };
}

function range(to: string, run: OwedReceipt[]): ReceiptMessage {
  const first = run[0].envelope;
  const refused: RangeRefusalV1[] = run
    .filter((o) => o.receipt.outcome === 'rejected' || o.receipt.outcome === 'dead_lettered')
    .map((o) => ({
      eventId: o.receipt.eventId,
      outcome: o.receipt.outcome as RangeRefusalV1['outcome'],
      reasonCode: o.receipt.reasonCode ?? 'HANDLER_FAILED',
      reason: o.receipt.reason ?? '',
    }));
  return {
    type: ReceiptRangeV1.type,
    to,
    about: run[run.length - 1].envelope,
    payload: {
      issuer: first.issuer,
      audience: first.audience,
      fromSeq: first.seq,
      eventIds: run.map((o) => o.envelope.id),
      refused,
    },
  };
}

/** The single receipts a range receipt stands for, or the reason it is malformed. */
export function rangeMembers(range: ReceiptRangeV1): ReceiptV1[] | string {
  const ids = new Set(range.eventIds);
  if (ids.size !== range.eventIds.length) return 'eventIds: an event appears twice';
  const refused = new Map(range.refused.map((r) => [r.eventId, r]));
  for (const id of refused.keys())
    if (!ids.has(id)) return `refused: ${id} is not one of the range's eventIds`;
  return range.eventIds.map((eventId) => {
    const r = refused.get(eventId);
    return r
      ? { eventId, outcome: r.outcome, reasonCode: r.reasonCode, reason: r.reason }
      : { eventId, outcome: 'applied', reasonCode: null, reason: null };
  });
}
