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
import { Clock } from './clock';
import { DeadLetter, DeadLetterKind, HeldEvent, InboxEntry, InboxOutcome, OutboxEntry } from './entities';
import { EventHandlerRegistry } from './event-handlers';
import { KeyRegistryService } from './key-registry.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OutboxService } from './outbox.service';

/** What the consumer does with the broker message afterwards. */
export type Disposition = 'ack' | 'retry';

const RAW_LIMIT = 65_536;
const CLOCK_SKEW_MS = 5 * 60_000;

interface Authentic {
  envelope: Envelope;
  raw: string;
  verified: VerifiedKey;
  hopFrom: string | null;
}

interface Settlement {
  outcome: InboxOutcome;
  code?: RefusalCode;
  reason?: string;
}

/**
 * The receiving side of the exactly-once contract. For every message: parse, check the
 * envelope's shape, authenticate its key and signature, drop duplicates by event id,
 * hold back anything ahead of a sequence gap, then check expiry, audience, authority and
 * payload and apply the handler — the effect, the inbox row, the cursor and the receipt
 * commit in one transaction. Anything refused is recorded with its reason.
 */
@Injectable()
export class InboxProcessorService {
  private readonly logger = new Logger(InboxProcessorService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: KeyRegistryService,
    private readonly outbox: OutboxService,
    private readonly handlers: EventHandlerRegistry,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async process(raw: string, hopFrom: string | null, lastDelivery: boolean): Promise<Disposition> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      await this.deadLetter('dead_lettered', 'MALFORMED', 'message body is not JSON', raw, hopFrom);
      return 'ack';
    }
    const shape = envelopeShapeProblems(parsed);
    if (shape.length > 0) {
      await this.deadLetter('dead_lettered', 'MALFORMED', shape.join('; '), raw, hopFrom, parsed);
      return 'ack';
    }
    const envelope = parsed as Envelope;
    let verified: VerifiedKey;
    try {
      verified = await this.keys.authenticate(envelope);
    } catch (error) {
      if (!(error instanceof RefusalError)) return 'retry';
      // Not provably from its issuer: recorded, never applied, no receipt, no effect on sequences.
      await this.deadLetter('rejected', error.code, error.message, raw, hopFrom, envelope);
      return 'ack';
    }
    const authentic: Authentic = { envelope, raw, verified, hopFrom };
    if (!audienceIncludes(envelope.audience, this.options.identity.path)) {
      await this.deadLetter('rejected', 'MISADDRESSED', `audience ${envelope.audience} does not include node ${this.options.identity.nodeId}`, raw, hopFrom, envelope);
      return 'ack';
    }
    if (envelope.type === ReceiptV1.type) return this.processReceipt(authentic);
    if (envelope.seq === 0) {
      await this.deadLetter('rejected', 'MALFORMED', `${envelope.type} must carry a sequence number`, raw, hopFrom, envelope);
      return 'ack';
    }
    return this.processSequenced(authentic, lastDelivery);
  }

  private async processSequenced(event: Authentic, lastDelivery: boolean): Promise<Disposition> {
    const { envelope } = event;
    const step = await this.dataSource.transaction(async (manager) => {
      const seen = await manager.findOne(InboxEntry, { where: { eventId: envelope.id } });
      if (seen) {
        await this.receipt(manager, event, { outcome: seen.outcome }, seen.outcome === 'applied');
        return 'done' as const;
      }
      const last = await this.lockCursor(manager, envelope.issuer, envelope.audience);
      if (envelope.seq <= last) {
        await this.recordDeadLetter(manager, 'rejected', 'STALE_SEQUENCE', `sequence ${envelope.seq} of ${envelope.issuer} for ${envelope.audience} was already settled (last ${last})`, event);
        await this.receipt(manager, event, { outcome: 'rejected', code: 'STALE_SEQUENCE', reason: `sequence ${envelope.seq} already settled` });
        return 'done' as const;
      }
      if (envelope.seq > last + 1) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(HeldEvent)
          .values({ issuer: envelope.issuer, audience: envelope.audience, seq: String(envelope.seq), eventId: envelope.id, envelope: event.raw, hopFrom: event.hopFrom, heldAt: this.clock.now() })
          .orIgnore()
          .execute();
        this.logger.log({ msg: 'held back after sequence gap', issuer: envelope.issuer, audience: envelope.audience, seq: envelope.seq, expected: last + 1 });
        return 'done' as const;
      }
      return 'apply' as const;
    });
    if (step === 'done') return 'ack';
    const applied = await this.settle(event, lastDelivery);
    if (applied === 'retry') return 'retry';
    await this.drainHeld(envelope.issuer, envelope.audience, envelope.seq);
    return 'ack';
  }

  /** Settles the next-in-sequence event: apply it, or record why not, and advance the cursor. */
  private async settle(event: Authentic, lastDelivery: boolean): Promise<Disposition> {
    const verdict = this.judge(event);
    if (verdict) {
      await this.dataSource.transaction((manager) => this.finish(manager, event, verdict));
      return 'ack';
    }
    try {
      await this.dataSource.transaction(async (manager) => {
        const last = await this.lockCursor(manager, event.envelope.issuer, event.envelope.audience);
        if (last + 1 !== event.envelope.seq) return; // settled concurrently by another instance
        const handler = this.handlers.handlerFor(event.envelope.type);
        if (!handler) throw new RefusalError('UNKNOWN_TYPE', `this node has no handler for ${event.envelope.type}`);
        await handler({ envelope: event.envelope as Envelope<never>, issuerPath: event.verified.path, hopFrom: event.hopFrom, manager });
        await this.finish(manager, event, { outcome: 'applied' });
      });
      return 'ack';
    } catch (error) {
      const refusal = error instanceof RefusalError;
      if (!refusal && !lastDelivery) {
        this.logger.warn({ msg: 'handler failed, will retry', eventId: event.envelope.id, error: (error as Error).message });
        return 'retry';
      }
      // The failed attempt rolled back whole; record the refusal so later events still flow.
      const code: RefusalCode = refusal ? (error as RefusalError).code : 'HANDLER_FAILED';
      await this.dataSource.transaction((manager) =>
        this.finish(manager, event, { outcome: 'dead_lettered', code, reason: (error as Error).message }),
      );
      return 'ack';
    }
  }

  /** Checks that need no database: expiry, authority for the type, payload. */
  private judge(event: Authentic): Settlement | undefined {
    const { envelope, verified } = event;
    const now = this.clock.now().getTime();
    if (Date.parse(envelope.notAfter) < now) {
      return { outcome: 'rejected', code: 'EXPIRED', reason: `envelope expired at ${envelope.notAfter}` };
    }
    if (Date.parse(envelope.issuedAt) > now + CLOCK_SKEW_MS) {
      return { outcome: 'rejected', code: 'NOT_YET_VALID', reason: `envelope is issued in the future (${envelope.issuedAt})` };
    }
    const definition = EVENT_CATALOGUE.get(envelope.type);
    if (!definition) return { outcome: 'dead_lettered', code: 'UNKNOWN_TYPE', reason: `${envelope.type} is not in this node's event catalogue` };
    const self = this.options.identity;
    const issuerPath = verified.path;
    if (definition.direction === 'down') {
      const isAncestor = self.path.slice(0, -1).includes(envelope.issuer);
      if (!isAncestor) return { outcome: 'rejected', code: 'NOT_AUTHORIZED', reason: `${envelope.type} may come only from an ancestor; ${envelope.issuer} is not an ancestor of ${self.nodeId}` };
    } else if (definition.direction === 'up') {
      const isDescendant = issuerPath.slice(0, -1).includes(self.nodeId);
      if (!isDescendant) return { outcome: 'rejected', code: 'NOT_AUTHORIZED', reason: `${envelope.type} may come only from a descendant; ${envelope.issuer} is not below ${self.nodeId}` };
    }
    const problems = payloadProblems(envelope.type, envelope.payload);
    if (problems.length > 0) return { outcome: 'dead_lettered', code: 'INVALID_PAYLOAD', reason: problems.join('; ') };
    return undefined;
  }

  private async finish(manager: EntityManager, event: Authentic, settlement: Settlement): Promise<void> {
    const { envelope } = event;
    await manager.insert(InboxEntry, {
      eventId: envelope.id,
      issuer: envelope.issuer,
      audience: envelope.audience,
      seq: String(envelope.seq),
      eventType: envelope.type,
      outcome: settlement.outcome,
      settledAt: this.clock.now(),
    });
    await manager.query(`UPDATE inbox_cursor SET last_seq = $3 WHERE issuer = $1 AND audience = $2`, [envelope.issuer, envelope.audience, envelope.seq]);
    await manager.delete(HeldEvent, { issuer: envelope.issuer, audience: envelope.audience, seq: String(envelope.seq) });
    if (settlement.outcome === 'applied') {
      if (parseAudience(envelope.audience)?.scope === 'subtree') await this.outbox.forwardToChildren(manager, envelope, event.raw);
    } else {
      await this.recordDeadLetter(manager, settlement.outcome === 'rejected' ? 'rejected' : 'dead_lettered', settlement.code ?? 'HANDLER_FAILED', settlement.reason ?? '', event);
    }
    await this.receipt(manager, event, settlement);
  }

  private async drainHeld(issuer: string, audience: string, settledSeq: number): Promise<void> {
    let next = settledSeq + 1;
    for (;;) {
      const held = await this.dataSource.getRepository(HeldEvent).findOne({ where: { issuer, audience, seq: String(next) } });
      if (!held) return;
      const envelope = JSON.parse(held.envelope) as Envelope;
      let verified: VerifiedKey;
      try {
        verified = await this.keys.authenticate(envelope);
      } catch {
        return; // stays held; retried when the next message of this sequence arrives
      }
      const disposition = await this.settle({ envelope, raw: held.envelope, verified, hopFrom: held.hopFrom }, true);
      if (disposition === 'retry') return;
      next += 1;
    }
  }

  private async processReceipt(event: Authentic): Promise<Disposition> {
    const problems = payloadProblems(ReceiptV1.type, event.envelope.payload);
    if (problems.length > 0) {
      await this.deadLetter('dead_lettered', 'INVALID_PAYLOAD', problems.join('; '), event.raw, event.hopFrom, event.envelope);
      return 'ack';
    }
    const receipt = event.envelope.payload as ReceiptV1;
    const fromNode = event.envelope.issuer;
    await this.dataSource.transaction(async (manager) => {
      const settled = receipt.outcome === 'applied' || receipt.outcome === 'duplicate';
      await manager
        .createQueryBuilder()
        .update(OutboxEntry)
        .set({
          status: settled ? 'delivered' : 'refused',
          receiptedAt: this.clock.now(),
          receiptOutcome: receipt.outcome,
          receiptReason: receipt.reason ?? null,
        })
        .where('event_id = :eventId AND target_node = :fromNode AND kind = :kind AND receipted_at IS NULL', { eventId: receipt.eventId, fromNode, kind: 'event' })
        .execute();
      for (const listener of this.handlers.receiptHandlers) {
        await listener({
          eventId: receipt.eventId,
          fromNode,
          outcome: receipt.outcome,
          reasonCode: receipt.reasonCode ?? null,
          reason: receipt.reason ?? null,
          receivedAt: this.clock.now(),
          manager,
        });
      }
    });
    return 'ack';
  }

  /** Receipts go to the hop that delivered the envelope and to its issuer. */
  private async receipt(manager: EntityManager, event: Authentic, settlement: Settlement, duplicate = false): Promise<void> {
    const { envelope } = event;
    const to = [envelope.issuer, ...(event.hopFrom ? [event.hopFrom] : [])];
    const outcome = duplicate ? 'duplicate' : settlement.outcome;
    await this.outbox.emitReceipt(
      manager,
      to,
      { eventId: envelope.id, outcome, reasonCode: settlement.code ?? null, reason: settlement.reason?.slice(0, 2000) ?? null },
      envelope.id,
      envelope.correlationId,
    );
  }

  private async lockCursor(manager: EntityManager, issuer: string, audience: string): Promise<number> {
    await manager.query(`INSERT INTO inbox_cursor (issuer, audience, last_seq) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING`, [issuer, audience]);
    const rows: Array<{ last_seq: string }> = await manager.query(`SELECT last_seq FROM inbox_cursor WHERE issuer = $1 AND audience = $2 FOR UPDATE`, [issuer, audience]);
    return Number(rows[0].last_seq);
  }

  private recordDeadLetter(manager: EntityManager, kind: DeadLetterKind, code: RefusalCode, reason: string, event: Authentic): Promise<unknown> {
    return manager.insert(DeadLetter, this.deadLetterRow(kind, code, reason, event.raw, event.hopFrom, event.envelope));
  }

  async deadLetter(kind: DeadLetterKind, code: RefusalCode, reason: string, raw: string, hopFrom: string | null, parsed?: unknown): Promise<void> {
    await this.dataSource.getRepository(DeadLetter).insert(this.deadLetterRow(kind, code, reason, raw, hopFrom, parsed));
    this.logger.warn({ msg: 'envelope refused', kind, code, reason });
  }

  private deadLetterRow(kind: DeadLetterKind, code: RefusalCode, reason: string, raw: string, hopFrom: string | null, parsed?: unknown) {
    const fields = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
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
