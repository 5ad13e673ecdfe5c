import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  Envelope,
  EVENT_CATALOGUE,
  parseAudience,
  payloadProblems,
  ReceiptV1,
  RefusalCode,
  RefusalError,
  SequenceRestartedV1,
  SyncAnsweredV1,
  SyncRequestedV1,
  VerifiedKey,
} from '@liandong/protocol';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from './audit.service';
import { BatchWrites, Cursor } from './batch-writes';
import { Clock } from './clock';
import { deadLetter } from './dead-letters';
import { DeadLetter, DeadLetterKind, HeldEvent, InboxEntry, InboxOutcome } from './entities';
import { Admitted, Authentic, EnvelopeAdmission, IncomingMessage } from './envelope-admission';
import { EventHandlerRegistry } from './event-handlers';
import { KeyRegistryService } from './key-registry.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OutboxService } from './outbox.service';
import { SequenceSyncService } from './sequence-sync.service';
import { isTransient } from './transient';

export type { IncomingMessage } from './envelope-admission';

/** What the consumer does with the broker message afterwards. */
export type Disposition = 'ack' | 'retry';

const CLOCK_SKEW_MS = 5 * 60_000;

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

interface Settlement {
  outcome: InboxOutcome;
  code?: RefusalCode;
  reason?: string;
}

/** A handler refused its event (or failed for good): the batch is rolled back and settled again without it. */
class HandlerRefusal extends Error {
  constructor(
    readonly eventId: string,
    readonly settlement: Settlement,
  ) {
    super(`handler refused ${eventId}: ${settlement.reason}`);
    this.name = 'HandlerRefusal';
  }
}

/**
 * The receiving side of the exactly-once contract. Every message is admitted (parsed,
 * bounded, shaped, authenticated, addressed to this node: EnvelopeAdmission); then, in one
 * transaction per batch: duplicates are answered from the inbox, anything ahead of a
 * sequence gap is held back (and the node that delivers that sequence is asked for what is
 * missing), and each next-in-sequence event is checked for expiry, authority and payload and
 * applied by its handler (a handler that refuses its event has the batch rolled back and
 * re-run without that effect, so it leaves nothing behind). Control messages move cursors
 * (protocol.md §5.5). The effects, inbox rows, cursors, receipts, forwards and every
 * refusal's record commit together; a redelivered message is recorded once.
 */
@Injectable()
export class InboxProcessorService {
  private readonly logger = new Logger(InboxProcessorService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly admission: EnvelopeAdmission,
    private readonly keys: KeyRegistryService,
    private readonly outbox: OutboxService,
    private readonly sync: SequenceSyncService,
    private readonly handlers: EventHandlerRegistry,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async processBatch(messages: IncomingMessage[]): Promise<Disposition[]> {
    const prepared: Admitted[] = [];
    for (const message of messages) prepared.push(await this.admission.admit(message));
    // Handlers run without a savepoint each (it would cost two round trips per event):
    // when one refuses its event, the batch is rolled back and run again with that
    // event settled as refused, so nothing it wrote survives.
    const refused = new Map<string, Settlement>();
    try {
      for (;;) {
        try {
          await this.dataSource.transaction((manager) =>
            this.settleBatch(manager, prepared, refused),
          );
          break;
        } catch (error) {
          if (!(error instanceof HandlerRefusal) || refused.has(error.eventId)) throw error;
          refused.set(error.eventId, error.settlement);
        }
      }
      this.logRefusals(prepared);
      return prepared.map((p) => (p.kind === 'transient' ? 'retry' : 'ack'));
    } catch (error) {
      if (messages.length > 1) {
        // Settle each alone, so one message that breaks its transaction holds back no other.
        const dispositions: Disposition[] = [];
        for (const message of messages) dispositions.push(...(await this.processBatch([message])));
        return dispositions;
      }
      if (isTransient(error)) {
        this.logger.warn({ msg: 'processing failed, will retry', error: (error as Error).message });
        return ['retry'];
      }
      return [await this.settleFailed(prepared[0], messages[0], error as Error)];
    }
  }

  /** A message that fails the same way every time is settled as failed, never retried. */
  private async settleFailed(
    only: Admitted,
    message: IncomingMessage,
    error: Error,
  ): Promise<Disposition> {
    const reason = `could not be processed: ${error.message}`;
    this.logger.error({ msg: 'message failed for good', error: error.message }, error.stack);
    if (only.kind === 'sequenced') {
      const forced = new Map<string, Settlement>([
        [
          only.event.envelope.id,
          { outcome: 'dead_lettered', code: 'HANDLER_FAILED', reason: reason.slice(0, 2000) },
        ],
      ]);
      await this.dataSource.transaction((manager) => this.settleBatch(manager, [only], forced));
    } else {
      await this.deadLetter('dead_lettered', 'HANDLER_FAILED', reason, message);
    }
    return 'ack';
  }

  private async settleBatch(
    manager: EntityManager,
    prepared: Admitted[],
    forced: Map<string, Settlement>,
  ): Promise<void> {
    // Handlers' audit rows are written together at the end: the chain's lock comes last.
    return this.audit.deferredIn(manager, () => this.settleBatchIn(manager, prepared, forced));
  }

  private async settleBatchIn(
    manager: EntityManager,
    prepared: Admitted[],
    forced: Map<string, Settlement>,
  ): Promise<void> {
    const writes = new BatchWrites(manager);
    const ids = prepared.flatMap((p) => (p.kind === 'sequenced' ? [p.event.envelope.id] : []));
    if (ids.length > 0) {
      const seen: Array<{
        event_id: string;
        outcome: InboxOutcome;
        reason_code: string | null;
        reason: string | null;
      }> = await manager.query(
        `SELECT event_id, outcome, reason_code, reason FROM inbox WHERE event_id = ANY($1::uuid[])`,
        [ids],
      );
      for (const row of seen)
        writes.seen.set(row.event_id, {
          outcome: row.outcome,
          reasonCode: row.reason_code,
          reason: row.reason,
        });
    }
    for (const p of prepared) {
      if (p.kind !== 'transient' && p.kind !== 'refused' && p.event.delivery?.streamSeq)
        writes.streamSeq = Math.max(writes.streamSeq, p.event.delivery.streamSeq);
      else if (p.kind === 'refused' && p.letter.streamSeq)
        writes.streamSeq = Math.max(writes.streamSeq, Number(p.letter.streamSeq));
      switch (p.kind) {
        case 'refused':
          writes.deadLetters.push(p.letter);
          break;
        case 'transient':
          break;
        case 'receipt':
          this.receiptIn(writes, p.event);
          break;
        case 'control':
          await this.control(writes, p.event, forced);
          break;
        case 'sequenced':
          await this.sequenced(writes, p.event, forced);
          break;
      }
    }
    await this.flush(writes);
  }

  private async sequenced(
    writes: BatchWrites,
    event: Authentic,
    forced: Map<string, Settlement>,
  ): Promise<void> {
    const { envelope } = event;
    const cursor = await writes.cursor(envelope.issuer, envelope.audience);
    const seen = writes.seen.get(envelope.id);
    if (seen) {
      this.receipt(
        writes,
        event,
        {
          outcome: seen.outcome,
          code: (seen.reasonCode as RefusalCode | null) ?? undefined,
          reason: seen.reason ?? undefined,
        },
        seen.outcome === 'applied',
      );
      // Settled before a restart of its sequence: it counts as settled where it stands now.
      if (envelope.seq === cursor.last + 1) {
        cursor.last = envelope.seq;
        cursor.dirty = true;
        await this.drainHeld(writes, cursor, forced);
      }
      return;
    }
    if (envelope.seq <= cursor.last) {
      const reason = `sequence ${envelope.seq} of ${envelope.issuer} for ${envelope.audience} was already settled (last ${cursor.last})`;
      writes.deadLetters.push(this.letter('rejected', 'STALE_SEQUENCE', reason, event));
      this.receipt(writes, event, { outcome: 'rejected', code: 'STALE_SEQUENCE', reason });
      return;
    }
    if (envelope.seq > cursor.last + 1) {
      await this.hold(writes, event, cursor);
      return;
    }
    await this.settle(writes, event, cursor, forced);
    await this.drainHeld(writes, cursor, forced);
  }

  private async hold(writes: BatchWrites, event: Authentic, cursor: Cursor): Promise<void> {
    const { envelope } = event;
    // Ask the node that delivers this sequence for what is missing (at most now and then).
    writes.outbox.push(...this.sync.askAboutGap(cursor));
    if (cursor.held.has(envelope.seq)) return;
    await writes.manager
      .createQueryBuilder()
      .insert()
      .into(HeldEvent)
      .values({
        issuer: envelope.issuer,
        audience: envelope.audience,
        seq: String(envelope.seq),
        eventId: envelope.id,
        envelope: event.raw,
        hopFrom: event.hopFrom,
        heldAt: this.clock.now(),
      })
      .orIgnore()
      .execute();
    cursor.held.add(envelope.seq);
    this.logger.log({
      msg: 'held back after a sequence gap',
      issuer: envelope.issuer,
      audience: envelope.audience,
      seq: envelope.seq,
      expected: cursor.last + 1,
    });
  }

  /** Applies, or records why not, the next event of its sequence, and advances the cursor. */
  private async settle(
    writes: BatchWrites,
    event: Authentic,
    cursor: Cursor,
    forced: Map<string, Settlement>,
  ): Promise<void> {
    const { envelope } = event;
    const settlement =
      forced.get(envelope.id) ?? this.judge(event) ?? (await this.apply(writes, event));
    cursor.last = envelope.seq;
    cursor.dirty = true;
    writes.seen.set(envelope.id, {
      outcome: settlement.outcome,
      reasonCode: settlement.code ?? null,
      reason: settlement.reason ?? null,
    });
    writes.inbox.push({
      eventId: envelope.id,
      issuer: envelope.issuer,
      audience: envelope.audience,
      seq: String(envelope.seq),
      eventType: envelope.type,
      outcome: settlement.outcome,
      reasonCode: settlement.code ?? null,
      reason: settlement.reason?.slice(0, 2000) ?? null,
      streamSeq: event.delivery?.streamSeq ? String(event.delivery.streamSeq) : null,
      settledAt: this.clock.now(),
    });
    // Every settled subtree envelope goes on to the children, whatever this node made of it:
    // each node judges it for itself, and a sequence number must never go missing below.
    if (parseAudience(envelope.audience)?.scope === 'subtree') {
      writes.children ??= await this.outbox.childrenOf(
        writes.manager,
        this.options.identity.nodeId,
      );
      writes.outbox.push(...this.outbox.forwardRows(envelope, event.raw, writes.children));
      writes.logged.push(this.outbox.logEntry(envelope, event.raw));
    }
    if (settlement.outcome !== 'applied') {
      const kind: DeadLetterKind = settlement.outcome === 'rejected' ? 'rejected' : 'dead_lettered';
      writes.deadLetters.push(
        this.letter(kind, settlement.code ?? 'HANDLER_FAILED', settlement.reason ?? '', event),
      );
    }
    this.receipt(writes, event, settlement);
  }

  /** Runs the type's handler in the batch's transaction. */
  private async apply(writes: BatchWrites, event: Authentic): Promise<Settlement> {
    const { envelope } = event;
    const handler = this.handlers.handlerFor(envelope.type);
    if (!handler)
      return {
        outcome: 'dead_lettered',
        code: 'UNKNOWN_TYPE',
        reason: `this node has no handler for ${envelope.type}`,
      };
    try {
      await handler({
        envelope: envelope as Envelope<never>,
        issuerPath: event.verified?.path ?? [],
        hopFrom: event.hopFrom,
        manager: writes.manager,
      });
      return { outcome: 'applied' };
    } catch (error) {
      if (error instanceof RefusalError)
        throw new HandlerRefusal(envelope.id, {
          outcome: 'dead_lettered',
          code: error.code,
          reason: error.message,
        });
      if (isTransient(error)) throw error;
      // Bad data or a bug: the same every time. Settled as failed, never retried.
      this.logger.error(
        { msg: 'handler failed', type: envelope.type, eventId: envelope.id },
        (error as Error).stack,
      );
      throw new HandlerRefusal(envelope.id, {
        outcome: 'dead_lettered',
        code: 'HANDLER_FAILED',
        reason: `the handler of ${envelope.type} failed: ${(error as Error).message}`,
      });
    }
  }

  /** Checks that need no database: expiry, authority for the type, payload. */
  private judge(event: Authentic): Settlement | undefined {
    const { envelope, verified } = event;
    const now = this.clock.now().getTime();
    if (Date.parse(envelope.notAfter) < now) {
      return {
        outcome: 'rejected',
        code: 'EXPIRED',
        reason: `envelope expired at ${envelope.notAfter}`,
      };
    }
    if (Date.parse(envelope.issuedAt) > now + CLOCK_SKEW_MS) {
      return {
        outcome: 'rejected',
        code: 'NOT_YET_VALID',
        reason: `envelope is issued in the future (${envelope.issuedAt})`,
      };
    }
    const definition = EVENT_CATALOGUE.get(envelope.type);
    if (!definition)
      return {
        outcome: 'dead_lettered',
        code: 'UNKNOWN_TYPE',
        reason: `${envelope.type} is not in this node's event catalogue`,
      };
    const self = this.options.identity;
    if (definition.direction === 'down' && !self.path.slice(0, -1).includes(envelope.issuer)) {
      return {
        outcome: 'rejected',
        code: 'NOT_AUTHORIZED',
        reason: `${envelope.type} may come only from an ancestor; ${envelope.issuer} is not an ancestor of ${self.nodeId}`,
      };
    }
    if (
      definition.direction === 'up' &&
      !(verified?.path ?? []).slice(0, -1).includes(self.nodeId)
    ) {
      return {
        outcome: 'rejected',
        code: 'NOT_AUTHORIZED',
        reason: `${envelope.type} may come only from a descendant; ${envelope.issuer} is not below ${self.nodeId}`,
      };
    }
    const problems = payloadProblems(envelope.type, envelope.payload);
    if (problems.length > 0)
      return { outcome: 'dead_lettered', code: 'INVALID_PAYLOAD', reason: problems.join('; ') };
    return undefined;
  }

  private async drainHeld(
    writes: BatchWrites,
    cursor: Cursor,
    forced: Map<string, Settlement>,
  ): Promise<void> {
    const { issuer, audience } = cursor;
    while (cursor.held.has(cursor.last + 1)) {
      const seq = cursor.last + 1;
      const held = await writes.manager.findOne(HeldEvent, {
        where: { issuer, audience, seq: String(seq) },
      });
      cursor.held.delete(seq);
      if (!held) return;
      const envelope = JSON.parse(held.envelope) as Envelope;
      let verified: VerifiedKey | null = null;
      try {
        // First seen when it was held: a revocation's grace counts from then.
        verified = await this.keys.authenticate(envelope, held.heldAt);
      } catch (error) {
        if (isTransient(error)) throw error;
        // No longer authentic (its key was revoked since it was held, say): settled as refused.
        forced.set(envelope.id, {
          outcome: 'rejected',
          code: error instanceof RefusalError ? error.code : 'MALFORMED',
          reason: (error as Error).message,
        });
      }
      await writes.manager.delete(HeldEvent, { issuer, audience, seq: String(seq) });
      if (writes.seen.has(envelope.id)) {
        cursor.last = seq;
        cursor.dirty = true;
        continue;
      }
      const event: Authentic = { envelope, raw: held.envelope, verified, hopFrom: held.hopFrom };
      await this.settle(writes, event, cursor, forced);
    }
  }

  /** Control messages (protocol.md §5.5): answered, or applied to this node's cursors. */
  private async control(
    writes: BatchWrites,
    event: Authentic,
    forced: Map<string, Settlement>,
  ): Promise<void> {
    const { envelope } = event;
    const problems = payloadProblems(envelope.type, envelope.payload);
    const expired = Date.parse(envelope.notAfter) < this.clock.now().getTime();
    if (problems.length > 0 || expired) {
      const reason = expired ? `envelope expired at ${envelope.notAfter}` : problems.join('; ');
      writes.deadLetters.push(
        this.letter(
          expired ? 'rejected' : 'dead_lettered',
          expired ? 'EXPIRED' : 'INVALID_PAYLOAD',
          reason,
          event,
        ),
      );
      return;
    }
    switch (envelope.type) {
      case SyncRequestedV1.type:
        await this.sync.answer(writes, event);
        return;
      case SyncAnsweredV1.type:
        for (const start of this.sync.startsFrom(event)) {
          const cursor = await writes.cursor(start.issuer, start.audience);
          await this.startAfter(writes, cursor, start.startAfter, envelope.issuer);
          await this.drainHeld(writes, cursor, forced);
        }
        return;
      case SequenceRestartedV1.type:
        await this.restarted(writes, event);
        return;
    }
  }

  /** The deliverer says the sequence continues after `after` for this node: move up to it. */
  private async startAfter(
    writes: BatchWrites,
    cursor: Cursor,
    after: number,
    deliverer: string,
  ): Promise<void> {
    if (after <= cursor.last) return;
    const skipped = [...cursor.held].filter((seq) => seq <= after);
    if (skipped.length > 0) {
      await writes.manager.query(
        `DELETE FROM held_event WHERE issuer = $1 AND audience = $2 AND seq <= $3`,
        [cursor.issuer, cursor.audience, after],
      );
      for (const seq of skipped) cursor.held.delete(seq);
    }
    this.logger.log({
      msg: 'sequence starts later for this node',
      issuer: cursor.issuer,
      audience: cursor.audience,
      from: cursor.last,
      startAfter: after,
      deliverer,
    });
    await this.audit.record(writes.manager, {
      actor: `node:${deliverer}`,
      action: 'sequence.started',
      subjectType: 'sequence',
      subjectId: `${cursor.issuer} ${cursor.audience}`,
      detail: { from: cursor.last, startAfter: after, heldSkipped: skipped.length },
    });
    cursor.last = after;
    cursor.dirty = true;
  }

  /**
   * The issuer's counter went back: its sequence continues after `after` with new event ids
   * (the inbox still keeps every id settled before, so nothing is applied twice). Envelopes
   * held from before the restart are dropped: the issuer sends again what it still has.
   */
  private async restarted(writes: BatchWrites, event: Authentic): Promise<void> {
    const { envelope } = event;
    const cursor = await writes.cursor(envelope.issuer, envelope.audience);
    const at = new Date(envelope.issuedAt);
    if (cursor.restartedAt && cursor.restartedAt >= at) return;
    const { after } = envelope.payload as SequenceRestartedV1;
    await writes.manager.query(
      `UPDATE inbox_cursor SET restarted_at = $3 WHERE issuer = $1 AND audience = $2`,
      [envelope.issuer, envelope.audience, at],
    );
    await writes.manager.query(`DELETE FROM held_event WHERE issuer = $1 AND audience = $2`, [
      envelope.issuer,
      envelope.audience,
    ]);
    const from = cursor.last;
    cursor.restartedAt = at;
    cursor.held.clear();
    cursor.last = Math.min(cursor.last, after);
    cursor.dirty = true;
    if (parseAudience(envelope.audience)?.scope === 'subtree') {
      // Entries past the restart are the issuer's former life: its new envelopes take their numbers.
      await writes.manager.query(
        `DELETE FROM sequence_log WHERE issuer = $1 AND audience = $2 AND seq > $3`,
        [envelope.issuer, envelope.audience, after],
      );
      writes.children ??= await this.outbox.childrenOf(
        writes.manager,
        this.options.identity.nodeId,
      );
      writes.outbox.push(...this.outbox.forwardRows(envelope, event.raw, writes.children));
    }
    this.logger.warn({
      msg: 'the issuer restarted its sequence',
      issuer: envelope.issuer,
      audience: envelope.audience,
      from,
      after,
    });
    await this.audit.record(writes.manager, {
      actor: `node:${envelope.issuer}`,
      action: 'sequence.restarted',
      subjectType: 'sequence',
      subjectId: `${envelope.issuer} ${envelope.audience}`,
      detail: { eventId: envelope.id, from, after: cursor.last },
    });
  }

  private receiptIn(writes: BatchWrites, event: Authentic): void {
    const problems = payloadProblems(ReceiptV1.type, event.envelope.payload);
    if (problems.length > 0) {
      writes.deadLetters.push(
        this.letter('dead_lettered', 'INVALID_PAYLOAD', problems.join('; '), event),
      );
      return;
    }
    const receipt = event.envelope.payload as ReceiptV1;
    writes.receipts.push({
      eventId: receipt.eventId,
      fromNode: event.envelope.issuer,
      outcome: receipt.outcome,
      reasonCode: receipt.reasonCode ?? null,
      reason: receipt.reason ?? null,
      receivedAt: this.clock.now(),
    });
  }

  /** Receipts go to the issuer and to the hop that delivered the envelope. */
  private receipt(
    writes: BatchWrites,
    event: Authentic,
    settlement: Settlement,
    duplicate = false,
  ): void {
    const { envelope } = event;
    const to = [envelope.issuer, ...(event.hopFrom ? [event.hopFrom] : [])];
    const payload: ReceiptV1 = {
      eventId: envelope.id,
      outcome: duplicate ? 'duplicate' : settlement.outcome,
      reasonCode: settlement.code ?? null,
      reason: settlement.reason?.slice(0, 2000) ?? null,
    };
    writes.outbox.push(
      ...this.outbox.receiptRows(to, payload, envelope.id, envelope.correlationId),
    );
  }

  private async flush(writes: BatchWrites): Promise<void> {
    const { manager } = writes;
    for (let start = 0; start < writes.inbox.length; start += 1000) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(InboxEntry)
        .values(writes.inbox.slice(start, start + 1000))
        .execute();
    }
    for (const cursor of writes.cursors.values()) {
      if (!cursor.dirty) continue;
      await manager.query(
        `UPDATE inbox_cursor SET last_seq = $3 WHERE issuer = $1 AND audience = $2`,
        [cursor.issuer, cursor.audience, cursor.last],
      );
    }
    await this.outbox.log(manager, writes.logged);
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
    await this.outbox.insert(manager, writes.outbox);
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
    await this.outbox.restartAfterStale(
      manager,
      r.filter((x) => x.reasonCode === 'STALE_SEQUENCE'),
    );
    for (const listener of this.handlers.receiptHandlers) await listener(r, manager);
  }

  private logRefusals(prepared: Admitted[]): void {
    for (const p of prepared) {
      if (p.kind === 'refused')
        this.logger.warn({
          msg: 'envelope refused',
          kind: p.letter.kind,
          code: p.letter.reasonCode,
          reason: p.letter.reason,
          eventId: p.letter.eventId,
        });
    }
  }

  /** Records a message that could not be settled at all (the consumer's last resort). */
  async deadLetter(
    kind: DeadLetterKind,
    code: RefusalCode,
    reason: string,
    message: IncomingMessage,
  ): Promise<void> {
    const letter = deadLetter(kind, code, reason, message, this.clock.now());
    await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(DeadLetter)
        .values(letter)
        .orIgnore()
        .returning(['id'])
        .execute();
      if ((result.raw as unknown[]).length === 0) return;
      await this.audit.record(manager, {
        actor: 'unknown',
        action: 'event.refused',
        subjectType: 'event',
        subjectId: 'unsettled',
        detail: { kind, code, reason: letter.reason?.slice(0, 500), hopFrom: message.hopFrom },
      });
    });
    this.logger.warn({ msg: 'envelope refused', kind, code, reason });
  }

  private letter(
    kind: DeadLetterKind,
    code: RefusalCode,
    reason: string,
    event: Authentic,
  ): Partial<DeadLetter> {
    const delivery = event.delivery ?? {
      data: Buffer.from(event.raw),
      raw: event.raw,
      hopFrom: event.hopFrom,
    };
    return deadLetter(kind, code, reason, delivery, this.clock.now(), event.envelope);
  }
}
