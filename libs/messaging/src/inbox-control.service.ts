import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  parseAudience,
  payloadProblems,
  SequenceRestartedV1,
  SyncAnsweredV1,
  SyncRequestedV1,
} from '@liandong/protocol';
import { AuditService } from './audit.service';
import { BatchWrites, Cursor } from './batch-writes';
import { Clock } from './clock';
import { Authentic } from './envelope-admission';
import { InboxSequencing } from './inbox-sequencing.service';
import { eventLetter, Settlement } from './inbox-settlement';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OutboxRows } from './outbox-rows.service';
import { SequenceSyncService } from './sequence-sync.service';
import { SyncAnswers } from './sync-answers.service';

/**
 * The control messages of an inbox batch (protocol.md §5.5): a sync request is answered, a
 * sync answer or a sequence restart moves this node's cursors.
 */
@Injectable()
export class InboxControl {
  private readonly logger = new Logger(InboxControl.name);

  constructor(
    private readonly sequencing: InboxSequencing,
    private readonly sync: SequenceSyncService,
    private readonly answers: SyncAnswers,
    private readonly rows: OutboxRows,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /** Control messages (protocol.md §5.5): answered, or applied to this node's cursors. */
  async control(
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
        eventLetter(
          expired ? 'rejected' : 'dead_lettered',
          expired ? 'EXPIRED' : 'INVALID_PAYLOAD',
          reason,
          event,
          this.clock.now(),
        ),
      );
      return;
    }
    switch (envelope.type) {
      case SyncRequestedV1.type:
        await this.answers.answer(writes, event);
        return;
      case SyncAnsweredV1.type:
        for (const start of this.sync.startsFrom(event)) {
          const cursor = await writes.cursor(start.issuer, start.audience);
          await this.startAfter(writes, cursor, start.startAfter, envelope.issuer);
          await this.sequencing.drainHeld(writes, cursor, forced);
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
      writes.children ??= await this.rows.childrenOf(writes.manager, this.options.identity.nodeId);
      writes.outbox.push(...this.rows.forwardRows(envelope, event.raw, writes.children));
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
}
