import { Envelope, ReceiptRangeV1, ReceiptV1, uuidv7 } from '@liandong/protocol';
import { OwedReceipt, rangeMembers, receiptMessages } from './range-receipts';

function owed(
  seq: number,
  extra: Partial<OwedReceipt> = {},
  audience = 'node:130000',
): OwedReceipt {
  const id = uuidv7();
  return {
    to: ['000000'],
    envelope: { id, issuer: '000000', audience, seq, correlationId: id } as Envelope,
    receipt: { eventId: id, outcome: 'applied', reasonCode: null, reason: null },
    settledNow: true,
    ...extra,
  };
}

describe('range receipts (protocol.md §6.1)', () => {
  it('makes one range of a run of consecutive numbers, with its refusals, and singles of the rest', () => {
    const run = [1, 2, 3, 4].map((seq) => owed(seq));
    run[2].receipt = {
      ...run[2].receipt,
      outcome: 'dead_lettered',
      reasonCode: 'INVALID_PAYLOAD',
      reason: 'bad',
    };
    const duplicate = owed(5, { settledNow: false });
    duplicate.receipt.outcome = 'duplicate';
    const other = owed(1, {}, 'subtree:000000');
    const messages = receiptMessages([...run, duplicate, other], () => true);
    expect(messages.map((m) => m.type)).toEqual([
      ReceiptRangeV1.type,
      ReceiptV1.type,
      ReceiptV1.type,
    ]);
    const range = messages[0].payload as ReceiptRangeV1;
    expect(range).toMatchObject({ issuer: '000000', audience: 'node:130000', fromSeq: 1 });
    expect(range.eventIds).toEqual(run.map((o) => o.envelope.id));
    expect(range.refused).toEqual([
      {
        eventId: run[2].envelope.id,
        outcome: 'dead_lettered',
        reasonCode: 'INVALID_PAYLOAD',
        reason: 'bad',
      },
    ]);
    // What the sender makes of it: one receipt per event, the refused one refused.
    const members = rangeMembers(range);
    expect(members).toHaveLength(4);
    expect((members as ReceiptV1[]).map((m) => m.outcome)).toEqual([
      'applied',
      'applied',
      'dead_lettered',
      'applied',
    ]);
  });

  it('breaks a run at a gap and sends a node of protocol 1.0 single receipts only', () => {
    const items = [1, 2, 4, 5].map((seq) => owed(seq));
    expect(receiptMessages(items, () => true).map((m) => m.type)).toEqual([
      ReceiptRangeV1.type,
      ReceiptRangeV1.type,
    ]);
    expect(receiptMessages(items, () => false).map((m) => m.type)).toEqual(
      Array(4).fill(ReceiptV1.type),
    );
  });

  it('refuses a range that names an event twice or refuses one it does not cover', () => {
    const [a, b] = [uuidv7(), uuidv7()];
    const base = { issuer: '000000', audience: 'node:130000', fromSeq: 1 };
    expect(rangeMembers({ ...base, eventIds: [a, a], refused: [] })).toMatch(/twice/);
    expect(
      rangeMembers({
        ...base,
        eventIds: [a, b],
        refused: [{ eventId: uuidv7(), outcome: 'rejected', reasonCode: 'EXPIRED', reason: '' }],
      }),
    ).toMatch(/not one of/);
  });
});
