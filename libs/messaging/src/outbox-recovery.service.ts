import { Inject, Injectable, Logger } from '@nestjs/common';
import { Audience, Envelope, SequenceRestartedV1, signEnvelope } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { Clock } from './clock';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OutboxRow, serialize } from './outbox-row';
import { OutboxRows } from './outbox-rows.service';

/**
 * What becomes of this node's own envelopes not yet receipted when the node finds itself
 * changed: its counters went back (a database restore) — the sequence restarts and they are
 * sent again behind the restart (protocol.md §5.5); its key changed (a rotation) — they are
 * signed again with the current key.
 */
@Injectable()
export class OutboxRecovery {
  private readonly logger = new Logger(OutboxRecovery.name);
  /**
   * Set when this node noticed at start that its database was restored: each of its own
   * sequences is then announced as restarted, once, before its next event (protocol.md §5.5).
   */
  private restoredAt?: Date;

  constructor(
    private readonly rows: OutboxRows,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  markRestored(at: Date): void {
    this.restoredAt = at;
  }

  /**
   * Before the next events of an own sequence: its restart, if this node was restored and the
   * sequence has not restarted since (`restartedAt` is its counter's, read under its lock).
   */
  async restartIfRestored(
    manager: EntityManager,
    audience: Audience,
    after: number,
    restartedAt: Date | null,
    targets?: string[],
  ): Promise<OutboxRow[]> {
    if (!this.restoredAt || (restartedAt && restartedAt >= this.restoredAt)) return [];
    return this.restartRows(manager, audience, after, targets);
  }

  /**
   * Receivers refused some of this node's own events as stale: their cursor is past a
   * number this node used again, so its counter went back (a restore that was not noticed
   * at start). Announce the restart to them and send those events again (protocol.md §5.5).
   */
  async restartAfterStale(
    manager: EntityManager,
    refused: Array<{ eventId: string; fromNode: string }>,
  ): Promise<void> {
    if (refused.length === 0) return;
    const rows: Array<{ audience: string; target_node: string; seq: string }> = await manager.query(
      `SELECT audience, target_node, min(seq) AS seq FROM outbox
       JOIN unnest($1::uuid[], $2::text[]) AS v(event_id, from_node)
         ON outbox.event_id = v.event_id AND outbox.target_node = v.from_node
       WHERE kind = 'event' AND issuer = $3
       GROUP BY audience, target_node`,
      [refused.map((r) => r.eventId), refused.map((r) => r.fromNode), this.options.identity.nodeId],
    );
    const out: OutboxRow[] = [];
    for (const row of rows) {
      const [counter]: Array<{ restarted_at: Date | null }> = await manager.query(
        `SELECT restarted_at FROM sequence_counter WHERE audience = $1 FOR UPDATE`,
        [row.audience],
      );
      const recent =
        counter?.restarted_at &&
        this.clock.now().getTime() - counter.restarted_at.getTime() < 30_000;
      if (recent) continue;
      this.logger.warn({
        msg: 'a receiver is past a sequence number this node used again: restarting the sequence',
        audience: row.audience,
        receiver: row.target_node,
        after: Number(row.seq) - 1,
      });
      out.push(
        ...(await this.restartRows(manager, row.audience as Audience, Number(row.seq) - 1, [
          row.target_node,
        ])),
      );
    }
    await this.rows.insert(manager, out);
  }

  /** Announces that this node's sequence for `audience` continues after `after` (its counter went back). */
  async restart(
    manager: EntityManager,
    audience: Audience,
    after: number,
    targets: string[],
  ): Promise<void> {
    this.logger.warn({
      msg: 'a receiver is past this node’s own counter: restarting the sequence',
      audience,
      receivers: targets,
      after,
    });
    await this.rows.insert(manager, await this.restartRows(manager, audience, after, targets));
  }

  /**
   * After a key rotation: this node's own envelopes that no receipt answered yet are signed
   * again with its current key (same id, same content), so they still count if the old key is
   * revoked before they arrive. Returns how many.
   */
  async resignWithCurrentKey(manager: EntityManager): Promise<number> {
    const { identity } = this.options;
    const rows: Array<{ event_id: string; envelope: string }> = await manager.query(
      `SELECT DISTINCT ON (event_id) event_id, envelope FROM outbox
       WHERE status IN ('pending', 'published')
         AND envelope::jsonb->>'issuer' = $1 AND envelope::jsonb->>'keyId' <> $2`,
      [identity.nodeId, identity.key.keyId],
    );
    for (const row of rows) {
      const unsigned = JSON.parse(row.envelope) as Partial<Envelope>;
      delete unsigned.signature;
      const raw = serialize(
        signEnvelope(
          { ...(unsigned as Omit<Envelope, 'signature'>), keyId: identity.key.keyId },
          identity.key.privateKey,
        ),
      );
      await manager.query(
        `UPDATE outbox SET envelope = $2 WHERE event_id = $1 AND status IN ('pending', 'published')`,
        [row.event_id, raw],
      );
      await manager.query(`UPDATE sequence_log SET envelope = $2 WHERE event_id = $1`, [
        row.event_id,
        raw,
      ]);
    }
    return rows.length;
  }

  /**
   * sequence.restarted.v1 for an own audience, to its targets, followed by every undelivered
   * event of that sequence to them again: they are taken out and put back behind the restart
   * (the relay publishes in row order), keeping their attempt count so each re-send has a new
   * message id. The counter records when.
   */
  private async restartRows(
    manager: EntityManager,
    audience: Audience,
    after: number,
    targets?: string[],
  ): Promise<OutboxRow[]> {
    const to = targets ?? (await this.rows.targetsOf(manager, audience));
    await manager.query(`UPDATE sequence_counter SET restarted_at = $2 WHERE audience = $1`, [
      audience,
      this.clock.now(),
    ]);
    const [again]: [OutboxRow[], number] = await manager.query(
      `DELETE FROM outbox
       WHERE kind = 'event' AND issuer = $1 AND audience = $2 AND seq > $3
         AND target_node = ANY($4::text[]) AND status <> 'delivered'
       RETURNING event_id AS "eventId", event_type AS "eventType", target_node AS "targetNode",
         kind, envelope, issuer, audience, seq, attempts`,
      [this.options.identity.nodeId, audience, after, to],
    );
    const restart: SequenceRestartedV1 = { after };
    const envelope = this.rows.sign(
      { type: SequenceRestartedV1.type, audience, payload: restart },
      0,
      'control',
    );
    const ordered = [...again].sort((a, b) => Number(a.seq) - Number(b.seq));
    return [...this.rows.rowsFor(envelope, serialize(envelope), to, 'control'), ...ordered];
  }
}
