import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  Envelope,
  parseAudience,
  RefusalCode,
  RefusalError,
  VerifiedKey,
} from '@liandong/protocol';
import { BatchWrites, Cursor } from './batch-writes';
import { Clock } from './clock';
import { DeadLetterKind, HeldEvent } from './entities';
import { Authentic } from './envelope-admission';
import { InboxHandling } from './inbox-handling.service';
import { judge } from './inbox-judgement';
import { eventLetter, Settlement } from './inbox-settlement';
import { KeyRegistryService } from './key-registry.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OutboxRows } from './outbox-rows.service';
import { SequenceSyncService } from './sequence-sync.service';
import { isTransient } from './transient';

/**
 * The sequenced events of an inbox batch: each is applied exactly once and in its
 * sequence's order. A duplicate is answered from the inbox, anything ahead of a gap is
 * held back (and the node that delivers the sequence is asked for what is missing), and the
 * next event is judged and applied by its handler in the batch's transaction.
 */
@Injectable()
export class InboxSequencing {
  private readonly logger = new Logger(InboxSequencing.name);

  constructor(
    private readonly keys: KeyRegistryService,
    private readonly rows: OutboxRows,
    private readonly sync: SequenceSyncService,
    private readonly handling: InboxHandling,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /** An event of a sequence: answered as a duplicate, refused as stale, held back, or settled. */
  async sequenced(
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
        { duplicate: seen.outcome === 'applied' },
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
      writes.deadLetters.push(
        eventLetter('rejected', 'STALE_SEQUENCE', reason, event, this.clock.now()),
      );
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
      forced.get(envelope.id) ??
      judge(event, this.clock.now(), this.options.identity) ??
      (await this.handling.apply(writes, event));
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
      writes.children ??= await this.rows.childrenOf(writes.manager, this.options.identity.nodeId);
      writes.outbox.push(...this.rows.forwardRows(envelope, event.raw, writes.children));
      writes.logged.push(this.rows.logEntry(envelope, event.raw));
    }
    if (settlement.outcome !== 'applied') {
      const kind: DeadLetterKind = settlement.outcome === 'rejected' ? 'rejected' : 'dead_lettered';
      writes.deadLetters.push(
        eventLetter(
          kind,
          settlement.code ?? 'HANDLER_FAILED',
          settlement.reason ?? '',
          event,
          this.clock.now(),
        ),
      );
    }
    this.receipt(writes, event, settlement, { settledNow: true });
  }

  /** Settles, in order, whatever was held back and is now next in its sequence. */
  async drainHeld(
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

  /** Receipts go to the issuer and to the hop that delivered the envelope (written at the flush). */
  private receipt(
    writes: BatchWrites,
    event: Authentic,
    settlement: Settlement,
    how: { duplicate?: boolean; settledNow?: boolean } = {},
  ): void {
    const { envelope } = event;
    writes.owed.push({
      to: [envelope.issuer, ...(event.hopFrom ? [event.hopFrom] : [])],
      envelope,
      receipt: {
        eventId: envelope.id,
        outcome: how.duplicate ? 'duplicate' : settlement.outcome,
        reasonCode: settlement.code ?? null,
        reason: settlement.reason?.slice(0, 2000) ?? null,
      },
      settledNow: how.settledNow ?? false,
    });
  }
}
