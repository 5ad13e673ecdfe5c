import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  audienceIncludes,
  Envelope,
  EVENT_CATALOGUE,
  envelopeShapeProblems,
  parseAudience,
  payloadProblems,
  ReceiptV1,
  RefusalCode,
  RefusalError,
  VerifiedKey,
} from '@liandong/protocol';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from './audit.service';
import { Clock } from './clock';
import { DeadLetter, DeadLetterKind, HeldEvent, InboxEntry, InboxOutcome } from './entities';
import { EventHandlerRegistry, InboundReceipt } from './event-handlers';
import { KeyRegistryService } from './key-registry.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OutboxRow, OutboxService } from './outbox.service';

/** What the consumer does with the broker message afterwards. */
export type Disposition = 'ack' | 'retry';

export interface IncomingMessage {
  raw: string;
  /** The node that published it (last token of the subject): where the receipt goes besides the issuer. */
  hopFrom: string | null;
  /** JetStream will not deliver it again: settle it now, whatever happens. */
  lastDelivery: boolean;
}

const RAW_LIMIT = 65_536;
const CLOCK_SKEW_MS = 5 * 60_000;

interface Authentic {
  envelope: Envelope;
  raw: string;
  verified: VerifiedKey;
  hopFrom: string | null;
}

type Prepared =
  | { kind: 'refused'; letter: Partial<DeadLetter> }
  | { kind: 'transient' }
  | { kind: 'receipt'; event: Authentic }
  | { kind: 'sequenced'; event: Authentic };

interface Settlement {
  outcome: InboxOutcome;
  code?: RefusalCode;
  reason?: string;
}

/** A handler refused its event: the batch is rolled back and settled again without it. */
class HandlerRefusal extends Error {
  constructor(
    readonly eventId: string,
    readonly settlement: Settlement,
  ) {
    super(`handler refused ${eventId}: ${settlement.reason}`);
    this.name = 'HandlerRefusal';
  }
}

interface Cursor {
  last: number;
  dirty: boolean;
  /** Sequences of this (issuer, audience) waiting in held_event. */
  held: Set<number>;
}

/** Everything one batch writes, flushed in a few statements at the end of its transaction. */
class BatchWrites {
  readonly inbox: Array<Partial<InboxEntry>> = [];
  readonly outbox: OutboxRow[] = [];
  readonly deadLetters: Array<Partial<DeadLetter>> = [];
  readonly receipts: InboundReceipt[] = [];
  readonly cursors = new Map<string, Cursor>();
  readonly seen = new Map<string, InboxOutcome>();
  children?: string[];
  constructor(readonly manager: EntityManager) {}
}

/**
 * The receiving side of the exactly-once contract. Every message is parsed, checked for
 * shape, authenticated (key chain and signature), and addressed to this node; then, in
 * one transaction per batch: duplicates are answered from the inbox, anything ahead of a
 * sequence gap is held back, and each next-in-sequence event is checked for expiry,
 * authority and payload and applied by its handler (a handler that refuses its event
 * has the batch rolled back and re-run without that effect, so it leaves nothing behind).
 * The effects, the inbox rows, the cursors, the receipts and every refusal's record
 * commit together.
 */
@Injectable()
export class InboxProcessorService {
  private readonly logger = new Logger(InboxProcessorService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: KeyRegistryService,
    private readonly outbox: OutboxService,
    private readonly handlers: EventHandlerRegistry,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async processBatch(messages: IncomingMessage[]): Promise<Disposition[]> {
    const prepared: Prepared[] = [];
    for (const message of messages) prepared.push(await this.prepare(message));
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
      const [only] = prepared;
      if (only.kind !== 'sequenced' || !messages[0].lastDelivery) {
        this.logger.warn({ msg: 'processing failed, will retry', error: (error as Error).message });
        return ['retry'];
      }
      // Out of deliveries: record it as dead so the events after it still flow.
      const forced = new Map<string, Settlement>([
        [
          only.event.envelope.id,
          {
            outcome: 'dead_lettered',
            code: 'HANDLER_FAILED',
            reason: `handler failed on every delivery: ${(error as Error).message}`,
          },
        ],
      ]);
      await this.dataSource.transaction((manager) => this.settleBatch(manager, prepared, forced));
      return ['ack'];
    }
  }

  /** Checks that need no transaction: JSON, shape, authenticity, audience. */
  private async prepare({ raw, hopFrom }: IncomingMessage): Promise<Prepared> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return {
        kind: 'refused',
        letter: this.letter('dead_lettered', 'MALFORMED', 'message body is not JSON', raw, hopFrom),
      };
    }
    const shape = envelopeShapeProblems(parsed);
    if (shape.length > 0)
      return {
        kind: 'refused',
        letter: this.letter('dead_lettered', 'MALFORMED', shape.join('; '), raw, hopFrom, parsed),
      };
    const envelope = parsed as Envelope;
    let verified: VerifiedKey;
    try {
      verified = await this.keys.authenticate(envelope);
    } catch (error) {
      if (!(error instanceof RefusalError)) return { kind: 'transient' };
      // Not provably from its issuer: recorded, never applied, no receipt, no effect on sequences.
      return {
        kind: 'refused',
        letter: this.letter('rejected', error.code, error.message, raw, hopFrom, envelope),
      };
    }
    if (!audienceIncludes(envelope.audience, this.options.identity.path)) {
      const reason = `audience ${envelope.audience} does not include node ${this.options.identity.nodeId}`;
      return {
        kind: 'refused',
        letter: this.letter('rejected', 'MISADDRESSED', reason, raw, hopFrom, envelope),
      };
    }
    const event: Authentic = { envelope, raw, verified, hopFrom };
    if (envelope.type === ReceiptV1.type) return { kind: 'receipt', event };
    if (envelope.seq === 0) {
      return {
        kind: 'refused',
        letter: this.letter(
          'rejected',
          'MALFORMED',
          `${envelope.type} must carry a sequence number`,
          raw,
          hopFrom,
          envelope,
        ),
      };
    }
    return { kind: 'sequenced', event };
  }

  private async settleBatch(
    manager: EntityManager,
    prepared: Prepared[],
    forced: Map<string, Settlement>,
  ): Promise<void> {
    // Handlers' audit rows are written together at the end: the chain's lock comes last.
    return this.audit.deferredIn(manager, () => this.settleBatchIn(manager, prepared, forced));
  }

  private async settleBatchIn(
    manager: EntityManager,
    prepared: Prepared[],
    forced: Map<string, Settlement>,
  ): Promise<void> {
    const writes = new BatchWrites(manager);
    const ids = prepared.flatMap((p) => (p.kind === 'sequenced' ? [p.event.envelope.id] : []));
    if (ids.length > 0) {
      const seen: Array<{ event_id: string; outcome: InboxOutcome }> = await manager.query(
        `SELECT event_id, outcome FROM inbox WHERE event_id = ANY($1::uuid[])`,
        [ids],
      );
      for (const row of seen) writes.seen.set(row.event_id, row.outcome);
    }
    for (const p of prepared) {
      switch (p.kind) {
        case 'refused':
          writes.deadLetters.push(p.letter);
          break;
        case 'transient':
          break;
        case 'receipt':
          this.receiptIn(writes, p.event);
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
    const seen = writes.seen.get(envelope.id);
    if (seen) {
      this.receipt(writes, event, { outcome: seen }, seen === 'applied');
      return;
    }
    const cursor = await this.cursor(writes, envelope.issuer, envelope.audience);
    if (envelope.seq <= cursor.last) {
      const reason = `sequence ${envelope.seq} of ${envelope.issuer} for ${envelope.audience} was already settled (last ${cursor.last})`;
      writes.deadLetters.push(
        this.letter('rejected', 'STALE_SEQUENCE', reason, event.raw, event.hopFrom, envelope),
      );
      this.receipt(writes, event, { outcome: 'rejected', code: 'STALE_SEQUENCE', reason });
      return;
    }
    if (envelope.seq > cursor.last + 1) {
      if (!cursor.held.has(envelope.seq)) {
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
      return;
    }
    await this.settle(writes, event, cursor, forced);
    await this.drainHeld(writes, envelope.issuer, envelope.audience, cursor, forced);
  }

  /** Applies, or records why not, the next event of its sequence, and advances the cursor. */
  private async settle(
    writes: BatchWrites,
    event: Authentic,
    cursor: Cursor,
    forced: Map<string, Settlement>,
  ): Promise<void> {
    const { envelope } = event;
    let settlement = this.judge(event) ?? forced.get(envelope.id);
    if (!settlement) {
      const handler = this.handlers.handlerFor(envelope.type);
      if (!handler) {
        settlement = {
          outcome: 'dead_lettered',
          code: 'UNKNOWN_TYPE',
          reason: `this node has no handler for ${envelope.type}`,
        };
      } else {
        try {
          await handler({
            envelope: envelope as Envelope<never>,
            issuerPath: event.verified.path,
            hopFrom: event.hopFrom,
            manager: writes.manager,
          });
        } catch (error) {
          if (error instanceof RefusalError) {
            throw new HandlerRefusal(envelope.id, {
              outcome: 'dead_lettered',
              code: error.code,
              reason: error.message,
            });
          }
          throw error;
        }
        settlement = { outcome: 'applied' };
      }
    }
    cursor.last = envelope.seq;
    cursor.dirty = true;
    writes.seen.set(envelope.id, settlement.outcome);
    writes.inbox.push({
      eventId: envelope.id,
      issuer: envelope.issuer,
      audience: envelope.audience,
      seq: String(envelope.seq),
      eventType: envelope.type,
      outcome: settlement.outcome,
      settledAt: this.clock.now(),
    });
    if (settlement.outcome === 'applied') {
      if (parseAudience(envelope.audience)?.scope === 'subtree') {
        writes.children ??= await this.outbox.childrenOf(
          writes.manager,
          this.options.identity.nodeId,
        );
        writes.outbox.push(...this.outbox.forwardRows(envelope, event.raw, writes.children));
      }
    } else {
      const kind: DeadLetterKind = settlement.outcome === 'rejected' ? 'rejected' : 'dead_lettered';
      writes.deadLetters.push(
        this.letter(
          kind,
          settlement.code ?? 'HANDLER_FAILED',
          settlement.reason ?? '',
          event.raw,
          event.hopFrom,
          envelope,
        ),
      );
    }
    this.receipt(writes, event, settlement);
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
    if (definition.direction === 'up' && !verified.path.slice(0, -1).includes(self.nodeId)) {
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
    issuer: string,
    audience: string,
    cursor: Cursor,
    forced: Map<string, Settlement>,
  ): Promise<void> {
    while (cursor.held.has(cursor.last + 1)) {
      const seq = cursor.last + 1;
      const held = await writes.manager.findOne(HeldEvent, {
        where: { issuer, audience, seq: String(seq) },
      });
      cursor.held.delete(seq);
      if (!held) return;
      const envelope = JSON.parse(held.envelope) as Envelope;
      let verified: VerifiedKey;
      try {
        verified = await this.keys.authenticate(envelope);
      } catch {
        return; // stays held; tried again when the next message of this sequence arrives
      }
      await writes.manager.delete(HeldEvent, { issuer, audience, seq: String(seq) });
      await this.settle(
        writes,
        { envelope, raw: held.envelope, verified, hopFrom: held.hopFrom },
        cursor,
        forced,
      );
    }
  }

  private receiptIn(writes: BatchWrites, event: Authentic): void {
    const problems = payloadProblems(ReceiptV1.type, event.envelope.payload);
    if (problems.length > 0) {
      writes.deadLetters.push(
        this.letter(
          'dead_lettered',
          'INVALID_PAYLOAD',
          problems.join('; '),
          event.raw,
          event.hopFrom,
          event.envelope,
        ),
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

  private async cursor(writes: BatchWrites, issuer: string, audience: string): Promise<Cursor> {
    const key = `${issuer}\u0000${audience}`;
    let cursor = writes.cursors.get(key);
    if (!cursor) {
      const { manager } = writes;
      await manager.query(
        `INSERT INTO inbox_cursor (issuer, audience, last_seq) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING`,
        [issuer, audience],
      );
      const [row]: Array<{ last_seq: string }> = await manager.query(
        `SELECT last_seq FROM inbox_cursor WHERE issuer = $1 AND audience = $2 FOR UPDATE`,
        [issuer, audience],
      );
      const held: Array<{ seq: string }> = await manager.query(
        `SELECT seq FROM held_event WHERE issuer = $1 AND audience = $2`,
        [issuer, audience],
      );
      cursor = {
        last: Number(row.last_seq),
        dirty: false,
        held: new Set(held.map((h) => Number(h.seq))),
      };
      writes.cursors.set(key, cursor);
    }
    return cursor;
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
    for (const [key, cursor] of writes.cursors) {
      if (!cursor.dirty) continue;
      const [issuer, audience] = key.split('\u0000');
      await manager.query(
        `UPDATE inbox_cursor SET last_seq = $3 WHERE issuer = $1 AND audience = $2`,
        [issuer, audience, cursor.last],
      );
    }
    if (writes.deadLetters.length > 0) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(DeadLetter)
        .values(writes.deadLetters)
        .execute();
    }
    if (writes.receipts.length > 0) {
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
      for (const listener of this.handlers.receiptHandlers) await listener(r, manager);
    }
    await this.outbox.insert(manager, writes.outbox);
    // Every refused event is in the audit log too (written last: the chain's lock comes after all others).
    await this.audit.recordMany(
      manager,
      writes.deadLetters.map((letter) => ({
        actor: letter.issuer ? `node:${letter.issuer}` : 'unknown',
        action: 'event.refused',
        subjectType: 'event',
        subjectId: letter.eventId ?? 'unparseable',
        detail: {
          kind: letter.kind,
          code: letter.reasonCode,
          reason: letter.reason?.slice(0, 500),
          type: letter.eventType,
          hopFrom: letter.hopFrom,
        },
      })),
    );
  }

  private logRefusals(prepared: Prepared[]): void {
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
    raw: string,
    hopFrom: string | null,
  ): Promise<void> {
    const letter = this.letter(kind, code, reason, raw, hopFrom);
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(DeadLetter, letter);
      await this.audit.record(manager, {
        actor: 'unknown',
        action: 'event.refused',
        subjectType: 'event',
        subjectId: 'unsettled',
        detail: { kind, code, reason: reason.slice(0, 500), hopFrom },
      });
    });
    this.logger.warn({ msg: 'envelope refused', kind, code, reason });
  }

  private letter(
    kind: DeadLetterKind,
    code: RefusalCode,
    reason: string,
    raw: string,
    hopFrom: string | null,
    parsed?: unknown,
  ): Partial<DeadLetter> {
    const fields = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<
      string,
      unknown
    >;
    const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 200) : null);
    return {
      kind,
      reasonCode: code,
      reason: reason.slice(0, 4000),
      eventId: text(fields.id),
      eventType: text(fields.type),
      issuer: text(fields.issuer),
      hopFrom,
      raw: raw.slice(0, RAW_LIMIT),
      recordedAt: this.clock.now(),
    };
  }
}
