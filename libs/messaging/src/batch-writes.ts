import { EntityManager } from 'typeorm';
import { DeadLetter, InboxEntry, InboxOutcome, SequenceLog } from './entities';
import { InboundReceipt, LaterInserts } from './event-handlers';
import { OutboxRow } from './outbox-row';
import { OwedReceipt } from './range-receipts';

/** Where one (issuer, audience) sequence stands on this node, as the batch sees it. */
export interface Cursor {
  issuer: string;
  audience: string;
  last: number;
  dirty: boolean;
  restartedAt: Date | null;
  /** Sequences of this (issuer, audience) waiting in held_event. */
  held: Set<number>;
}

/** What this node has settled an event id as, with the reason when it was refused. */
export interface Seen {
  outcome: InboxOutcome;
  reasonCode: string | null;
  reason: string | null;
}

/**
 * Everything one inbox batch writes, flushed in a few statements at the end of its
 * transaction; cursors are read (and locked) once per batch.
 */
export class BatchWrites {
  readonly inbox: Array<Partial<InboxEntry>> = [];
  readonly outbox: OutboxRow[] = [];
  readonly deadLetters: Array<Partial<DeadLetter>> = [];
  readonly receipts: InboundReceipt[] = [];
  /** Receipts this batch sends, made into messages (single or range) at the flush. */
  readonly owed: OwedReceipt[] = [];
  /** Handlers' inserts written at the flush (InboundEvent.later). */
  readonly later = new LaterInserts();
  /** Whether each publisher heard from announced protocol 1.1 (§9.1). */
  readonly announced = new Map<string, boolean>();
  readonly logged: SequenceLog[] = [];
  readonly cursors = new Map<string, Cursor>();
  readonly seen = new Map<string, Seen>();
  /** Highest stream position among the batch's messages. */
  streamSeq = 0;
  children?: string[];

  constructor(readonly manager: EntityManager) {}

  async cursor(issuer: string, audience: string): Promise<Cursor> {
    const key = `${issuer}\u0000${audience}`;
    let cursor = this.cursors.get(key);
    if (!cursor) {
      await this.manager.query(
        `INSERT INTO inbox_cursor (issuer, audience, last_seq) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING`,
        [issuer, audience],
      );
      const [row]: Array<{ last_seq: string; restarted_at: Date | null }> =
        await this.manager.query(
          `SELECT last_seq, restarted_at FROM inbox_cursor WHERE issuer = $1 AND audience = $2 FOR UPDATE`,
          [issuer, audience],
        );
      const held: Array<{ seq: string }> = await this.manager.query(
        `SELECT seq FROM held_event WHERE issuer = $1 AND audience = $2`,
        [issuer, audience],
      );
      cursor = {
        issuer,
        audience,
        last: Number(row.last_seq),
        dirty: false,
        restartedAt: row.restarted_at,
        held: new Set(held.map((h) => Number(h.seq))),
      };
      this.cursors.set(key, cursor);
    }
    return cursor;
  }
}
