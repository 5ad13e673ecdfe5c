import { Inject, Injectable } from '@nestjs/common';
import { payloadProblems, ReceiptRangeV1, ReceiptV1 } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { AuditService } from './audit.service';
import { BatchWrites } from './batch-writes';
import { Clock } from './clock';
import { DeadLetter, DeadLetterKind, InboxEntry } from './entities';
import { Authentic } from './envelope-admission';
import { EventHandlerRegistry } from './event-handlers';
import { eventLetter } from './inbox-settlement';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OutboxRecovery } from './outbox-recovery.service';
import { OutboxRows } from './outbox-rows.service';
import { PeerProtocolService } from './peer-protocol.service';
import { rangeMembers, receiptMessages } from './range-receipts';

/** A dead letter as INSERT … RETURNING gives it back (column names). */
interface RecordedLetter {
  kind: DeadLetterKind;
  reason_code: string;
  reason: string;
  event_id: string | null;
  event_type: string | null;
  issuer: string | null;
  hop_from: string | null;
}

/**
 * The end of an inbox batch: inbox rows, cursors, sequence log, dead letters, receipts,
 * outbox rows, the stream position and the refusals' audit rows, all in its transaction.
 */
@Injectable()
export class InboxFlush {
  constructor(
    private readonly rows: OutboxRows,
    private readonly recovery: OutboxRecovery,
    private readonly audit: AuditService,
    private readonly handlers: EventHandlerRegistry,
    private readonly clock: Clock,
    private readonly peers: PeerProtocolService,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /**
   * A receipt for an event this node sent, single or a range (one per event it settles):
   * recorded against the outbox rows at the flush.
   */
  receiptIn(writes: BatchWrites, event: Authentic): void {
    const { type, payload } = event.envelope;
    const problems = payloadProblems(type, payload);
    const members =
      problems.length > 0
        ? problems.join('; ')
        : type === ReceiptRangeV1.type
          ? rangeMembers(payload as ReceiptRangeV1)
          : [payload as ReceiptV1];
    if (typeof members === 'string') {
      writes.deadLetters.push(
        eventLetter('dead_lettered', 'INVALID_PAYLOAD', members, event, this.clock.now()),
      );
      return;
    }
    for (const receipt of members)
      writes.receipts.push({
        eventId: receipt.eventId,
        fromNode: event.envelope.issuer,
        outcome: receipt.outcome,
        reasonCode: receipt.reasonCode ?? null,
        reason: receipt.reason ?? null,
        receivedAt: this.clock.now(),
      });
  }

  /** The receipts the batch owes, as messages: ranges and batch signatures where the recipient reads them. */
  private async owedReceipts(writes: BatchWrites): Promise<void> {
    if (writes.owed.length === 0) return;
    const batchTo = new Set<string>();
    for (const nodeId of new Set(writes.owed.flatMap((o) => o.to)))
      if (await this.peers.batchFormsTo(writes.manager, nodeId)) batchTo.add(nodeId);
    const messages = receiptMessages(writes.owed, (nodeId) => batchTo.has(nodeId));
    writes.outbox.push(...this.rows.receiptMessageRows(messages, batchTo));
  }

  /** Writes what the batch gathered, in a few statements; the audit rows last. */
  async flush(writes: BatchWrites): Promise<void> {
    const { manager } = writes;
    await writes.later.flush(manager);
    await this.peers.heard(manager, writes.announced);
    await this.owedReceipts(writes);
    for (let start = 0; start < writes.inbox.length; start += 1000) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(InboxEntry)
        .values(writes.inbox.slice(start, start + 1000))
        .execute();
    }
    const moved = [...writes.cursors.values()].filter((cursor) => cursor.dirty);
    if (moved.length > 0)
      await manager.query(
        `UPDATE inbox_cursor c SET last_seq = v.l
         FROM unnest($1::text[], $2::text[], $3::bigint[]) v(i, a, l)
         WHERE c.issuer = v.i AND c.audience = v.a`,
        [moved.map((c) => c.issuer), moved.map((c) => c.audience), moved.map((c) => c.last)],
      );
    await this.rows.log(manager, writes.logged);
    let recorded: RecordedLetter[] = [];
    if (writes.deadLetters.length > 0) {
      // A redelivery of a message already refused is not recorded again.
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(DeadLetter)
        .values(writes.deadLetters)
        .orIgnore()
        .returning(['kind', 'reasonCode', 'reason', 'eventId', 'eventType', 'issuer', 'hopFrom'])
        .execute();
      recorded = result.raw as RecordedLetter[];
    }
    if (writes.receipts.length > 0) await this.receipted(manager, writes);
    await this.rows.insert(manager, writes.outbox);
    if (writes.streamSeq > 0)
      await manager.query(`UPDATE node_state SET consumed_stream_seq = $2 WHERE node_id = $1`, [
        this.options.identity.nodeId,
        writes.streamSeq,
      ]);
    // Every refused event is in the audit log too (written last: the chain's lock comes after all others).
    await this.audit.recordMany(
      manager,
      recorded.map((letter) => ({
        actor: letter.issuer ? `node:${letter.issuer}` : 'unknown',
        action: 'event.refused',
        subjectType: 'event',
        subjectId: letter.event_id ?? 'unparseable',
        detail: {
          kind: letter.kind,
          code: letter.reason_code,
          reason: letter.reason.slice(0, 500),
          type: letter.event_type,
          hopFrom: letter.hop_from,
        },
      })),
    );
  }

  private async receipted(manager: EntityManager, writes: BatchWrites): Promise<void> {
    const r = writes.receipts;
    await manager.query(
      `UPDATE outbox o
       SET status = CASE WHEN v.outcome IN ('applied', 'duplicate') THEN 'delivered' ELSE 'refused' END,
           receipted_at = $5, receipt_outcome = v.outcome, receipt_reason = v.reason
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS v(event_id, from_node, outcome, reason)
       WHERE o.event_id = v.event_id AND o.target_node = v.from_node AND o.kind = 'event' AND o.receipted_at IS NULL`,
      [
        r.map((x) => x.eventId),
        r.map((x) => x.fromNode),
        r.map((x) => x.outcome),
        r.map((x) => x.reason),
        this.clock.now(),
      ],
    );
    await this.recovery.restartAfterStale(
      manager,
      r.filter((x) => x.reasonCode === 'STALE_SEQUENCE'),
    );
    for (const listener of this.handlers.receiptHandlers) await listener(r, manager);
  }
}
