import type { JetStreamClient } from '@nats-io/jetstream';
import { messageId } from '@liandong/protocol';
import { Pool } from 'pg';
import { OutboxRow } from './light-store';

const RESEND_AFTER_MS = 10_000;

/** The wire side of the light nodes' outbox: publishing committed rows, and re-sending. */
export class LightOutbox {
  private timer?: NodeJS.Timeout;
  private resending = false;

  constructor(
    private readonly pool: Pool,
    private readonly jsOf: (nodeId: string) => JetStreamClient,
    private readonly nodeIds: string[],
    private readonly counts: { published: number },
  ) {}

  resendEvery(ms: number): void {
    this.timer = setInterval(() => {
      if (this.resending) return;
      this.resending = true;
      void this.resend()
        .catch(() => undefined)
        .finally(() => (this.resending = false));
    }, ms);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * Puts rows on the wire (after their transaction committed) and records those the broker
   * took as sent; a row it did not take stays pending for the resend loop.
   */
  async publish(rows: OutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    const sent: OutboxRow[] = [];
    await inTurn(rows, 64, (row) =>
      this.jsOf(row.nodeId)
        .publish(row.subject, row.body, { msgID: messageId(row.eventId, row.target, 0) })
        .then(
          () => void sent.push(row),
          () => undefined,
        ),
    );
    this.counts.published += sent.length;
    // SKIP LOCKED here and in the resend: a row a batch's transaction is settling is left to
    // it, so neither waits on the other (a row skipped stays pending and is simply re-sent).
    await this.pool.query(
      `WITH due AS (
         SELECT o.node_id, o.event_id, o.target FROM light_outbox o
         JOIN unnest($1::text[], $2::uuid[], $3::text[]) v(n, e, t)
           ON o.node_id = v.n AND o.event_id = v.e AND o.target = v.t
         WHERE o.status = 'pending' FOR UPDATE OF o SKIP LOCKED)
       UPDATE light_outbox o SET status = CASE WHEN o.kind = 'receipt' THEN 'sent' ELSE 'published' END,
         published_at = now()
       FROM due WHERE o.node_id = due.node_id AND o.event_id = due.event_id AND o.target = due.target`,
      [sent.map((r) => r.nodeId), sent.map((r) => r.eventId), sent.map((r) => r.target)],
    );
  }

  /**
   * Rows the broker did not take are tried again after 2 s; events and forwards without a
   * receipt are sent again after 10 s, then after doubling intervals up to an hour (§5.1,
   * with a shorter first wait than a node's). Doubling matters at this size: a receiver
   * working through a queue longer than the first wait must not be sent the queue again.
   */
  private async resend(): Promise<void> {
    const { rows } = await this.pool.query(
      `WITH due AS (
         SELECT node_id, event_id, target FROM light_outbox
         WHERE node_id = ANY($2) AND (
           (status = 'pending' AND created_at < now() - interval '2 seconds') OR
           (status = 'published' AND
              published_at < now() - least($1 * 2 ^ attempt, 3600000) * interval '1 millisecond'))
         FOR UPDATE SKIP LOCKED)
       UPDATE light_outbox o SET attempt = o.attempt + 1, published_at = now(),
         status = CASE WHEN o.kind = 'receipt' THEN 'sent' ELSE 'published' END
       FROM due WHERE o.node_id = due.node_id AND o.event_id = due.event_id AND o.target = due.target
       RETURNING o.node_id, o.event_id, o.target, o.subject, o.body, o.attempt`,
      [RESEND_AFTER_MS, this.nodeIds],
    );
    await inTurn(rows, 64, (r) =>
      this.jsOf(r.node_id)
        .publish(r.subject, r.body, { msgID: messageId(r.event_id, r.target, r.attempt) })
        .then(() => undefined),
    );
  }
}

/** Runs `work` on every item, at most `width` at a time. */
export async function inTurn<T>(
  items: T[],
  width: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}
