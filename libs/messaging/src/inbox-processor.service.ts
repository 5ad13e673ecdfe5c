import { Injectable, Logger } from '@nestjs/common';
import { RefusalCode } from '@liandong/protocol';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from './audit.service';
import { BatchWrites } from './batch-writes';
import { Clock } from './clock';
import { deadLetter } from './dead-letters';
import { DeadLetter, DeadLetterKind, InboxOutcome } from './entities';
import { Admitted, EnvelopeAdmission, IncomingMessage } from './envelope-admission';
import { InboxControl } from './inbox-control.service';
import { InboxFlush } from './inbox-flush.service';
import { InboxSequencing } from './inbox-sequencing.service';
import { HandlerRefusal, Settlement } from './inbox-settlement';
import { isTransient } from './transient';

export type { IncomingMessage } from './envelope-admission';

/** What the consumer does with the broker message afterwards. */
export type Disposition = 'ack' | 'retry';

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
    private readonly sequencing: InboxSequencing,
    private readonly controls: InboxControl,
    private readonly flushing: InboxFlush,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async processBatch(messages: IncomingMessage[]): Promise<Disposition[]> {
    const prepared = await this.admission.admitAll(messages);
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
    await writes.loadCursors(
      prepared.flatMap((p) => (p.kind === 'sequenced' ? [p.event.envelope] : [])),
    );
    for (const p of prepared) {
      // What a publisher announces counts when it published its own envelope (§9.1).
      if (
        (p.kind === 'receipt' || p.kind === 'control' || p.kind === 'sequenced') &&
        p.event.hopFrom === p.event.envelope.issuer
      )
        writes.announced.set(p.event.envelope.issuer, p.event.batchForms === true);
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
          this.flushing.receiptIn(writes, p.event);
          break;
        case 'control':
          await this.controls.control(writes, p.event, forced);
          break;
        case 'sequenced':
          await this.sequencing.sequenced(writes, p.event, forced);
          break;
      }
    }
    await this.flushing.flush(writes);
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
}
