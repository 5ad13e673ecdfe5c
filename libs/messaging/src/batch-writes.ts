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
    const key = cursorKey(issuer, audience);
    if (!this.cursors.has(key)) await this.loadCursors([{ issuer, audience }]);
    return this.cursors.get(key) as Cursor;
  }

  /**
   * Reads and locks the cursors of many sequences in three statements, whatever their number
   * (a batch from 256 senders is 256 sequences), in one order so that two transactions
   * cannot each hold a lock the other waits for.
   */
  async loadCursors(sequences: Array<{ issuer: string; audience: string }>): Promise<void> {
    const due = new Map<string, { issuer: string; audience: string }>();
    for (const s of sequences) {
      const key = cursorKey(s.issuer, s.audience);
      if (!this.cursors.has(key)) due.set(key, s);
    }
    if (due.size === 0) return;
    const columns = [
      [...due.values()].map((s) => s.issuer),
      [...due.values()].map((s) => s.audience),
    ];
    await this.manager.query(
      `INSERT INTO inbox_cursor (issuer, audience, last_seq)
       SELECT i, a, 0 FROM unnest($1::text[], $2::text[]) v(i, a) ORDER BY i, a
       ON CONFLICT DO NOTHING`,
      columns,
    );
    const rows: Array<{
      issuer: string;
      audience: string;
      last_seq: string;
      restarted_at: Date | null;
    }> = await this.manager.query(
      `SELECT c.issuer, c.audience, c.last_seq, c.restarted_at FROM inbox_cursor c
         JOIN unnest($1::text[], $2::text[]) v(i, a) ON c.issuer = v.i AND c.audience = v.a
         ORDER BY c.issuer, c.audience FOR UPDATE OF c`,
      columns,
    );
    const held: Array<{ issuer: string; audience: string; seq: string }> = await this.manager.query(
      `SELECT h.issuer, h.audience, h.seq FROM held_event h
       JOIN unnest($1::text[], $2::text[]) v(i, a) ON h.issuer = v.i AND h.audience = v.a`,
      columns,
    );
    for (const row of rows)
      this.cursors.set(cursorKey(row.issuer, row.audience), {
        issuer: row.issuer,
        audience: row.audience,
        last: Number(row.last_seq),
        dirty: false,
        restartedAt: row.restarted_at,
        held: new Set(),
      });
    for (const h of held)
      this.cursors.get(cursorKey(h.issuer, h.audience))?.held.add(Number(h.seq));
  }
}

const cursorKey = (issuer: string, audience: string) => `${issuer}\u0000${audience}`;
