import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  Audience,
  parseAudience,
  SequencePositionV1,
  SequenceStartV1,
  SyncAnsweredV1,
  SyncRequestedV1,
} from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { AuditService } from './audit.service';
import { BatchWrites } from './batch-writes';
import { Clock } from './clock';
import { FederationNode } from './entities';
import type { Authentic } from './envelope-admission';
import { EventHandlerRegistry } from './event-handlers';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OutboxRecovery } from './outbox-recovery.service';
import { OutboxRows } from './outbox-rows.service';

interface LogEntry {
  seq: string;
  event_id: string;
  envelope: string;
  not_after: Date;
}

/**
 * Answers a sync request (protocol.md §5.5), as the node that delivers the asker's sequences:
 * it queues again what the asker lacks — its own events from the outbox, subtree envelopes
 * from its sequence log — and where it cannot re-send the start (the asker joined later, or
 * those envelopes expired) it says where the sequence continues, and hands over the policies
 * in force. A node that asks as a child is registered as one if its parent had lost it (a
 * restored parent). An asker past this node's own counter means this node's counter went
 * back: it announces a restart.
 */
@Injectable()
export class SyncAnswers {
  private readonly logger = new Logger(SyncAnswers.name);

  constructor(
    private readonly rows: OutboxRows,
    private readonly recovery: OutboxRecovery,
    private readonly handlers: EventHandlerRegistry,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /** Answers a sync request inside the inbox batch's transaction. */
  async answer(writes: BatchWrites, event: Authentic): Promise<void> {
    const { envelope, verified } = event;
    const asker = envelope.issuer;
    const askerPath = verified?.path ?? [];
    const self = this.options.identity;
    const isChild = askerPath[askerPath.length - 2] === self.nodeId && asker !== self.nodeId;
    if (isChild) await this.registerChild(writes, event);
    const starts: SequenceStartV1[] = [];
    let skipped = false;
    for (const position of (envelope.payload as SyncRequestedV1).sequences) {
      const parsed = parseAudience(position.audience);
      if (!parsed) continue;
      if (parsed.scope === 'node') {
        // Only this node's own events to the asker are its to re-send.
        if (parsed.nodeId !== asker || position.issuer !== self.nodeId) continue;
        await this.resendOwn(writes, asker, position);
        continue;
      }
      const root = parsed.nodeId;
      const delivers =
        isChild &&
        position.issuer === root &&
        askerPath.slice(0, -1).includes(root) &&
        self.path.includes(root);
      if (!delivers) continue;
      const start = await this.resendSubtree(writes, asker, position);
      if (start !== undefined) {
        starts.push({ issuer: root, audience: position.audience, startAfter: start });
        skipped = true;
      }
    }
    if (starts.length > 0) {
      const payload: SyncAnsweredV1 = { sequences: starts };
      writes.outbox.push(
        ...this.rows.controlRows([asker], SyncAnsweredV1.type, payload, {
          causationId: envelope.id,
          correlationId: envelope.correlationId,
        }),
      );
    }
    if (skipped) {
      // What the skipped envelopes set (policies, say) still applies: domain modules hand it over.
      for (const listener of this.handlers.catchUpHandlers) await listener(writes.manager, asker);
    }
  }

  /** A child this node does not know (its parent was restored, say) is registered from its certificate. */
  private async registerChild(writes: BatchWrites, event: Authentic): Promise<void> {
    const certificate = event.verified?.certificate;
    if (!certificate) return;
    const known = await writes.manager.findOne(FederationNode, {
      where: { nodeId: certificate.nodeId },
    });
    if (known) return;
    await writes.manager.insert(FederationNode, {
      nodeId: certificate.nodeId,
      name: certificate.name,
      tier: certificate.tier,
      parentId: certificate.parentId,
      path: event.verified?.path ?? [],
      registeredAt: this.clock.now(),
    });
    writes.children = undefined;
    this.logger.warn({
      msg: 'a child this node did not know asked to sync: registered it from its certificate',
      child: certificate.nodeId,
    });
    await this.audit.record(writes.manager, {
      actor: `node:${certificate.nodeId}`,
      action: 'federation.node_registered',
      subjectType: 'node',
      subjectId: certificate.nodeId,
      detail: { eventId: event.envelope.id, path: event.verified?.path, from: 'sync.requested' },
    });
  }

  /** This node's own events to the asker after what it settled: queued again (they were receipted). */
  private async resendOwn(
    writes: BatchWrites,
    asker: string,
    position: SequencePositionV1,
  ): Promise<void> {
    const counter = await this.counter(writes.manager, position.audience);
    if (position.lastSettled > counter) {
      // The asker is past this node's own counter: this node's database went back.
      await this.recovery.restart(writes.manager, position.audience as Audience, counter, [asker]);
      return;
    }
    const [, requeued] = (await writes.manager.query(
      `UPDATE outbox SET status = 'pending', next_attempt_at = now(), receipted_at = NULL,
         receipt_outcome = NULL, receipt_reason = NULL
       WHERE kind = 'event' AND target_node = $1 AND issuer = $2 AND audience = $3 AND seq > $4
         AND status IN ('delivered', 'refused')`,
      [asker, this.options.identity.nodeId, position.audience, position.lastSettled],
    )) as [unknown, number];
    if (requeued > 0) {
      this.logger.log({
        msg: 'queued own events again for a node that lacks them',
        to: asker,
        audience: position.audience,
        after: position.lastSettled,
        count: requeued,
      });
      await this.rows.notify(writes.manager);
    }
  }

  /**
   * Subtree envelopes after what the child settled, from the sequence log: the unexpired,
   * unbroken run up to the newest is queued to the child; where that run starts later than the
   * child's next number, the returned `startAfter` says where the sequence continues for it.
   */
  private async resendSubtree(
    writes: BatchWrites,
    child: string,
    position: SequencePositionV1,
  ): Promise<number | undefined> {
    const self = this.options.identity;
    const { issuer, audience, lastSettled } = position;
    const entries: LogEntry[] = await writes.manager.query(
      `SELECT seq, event_id, envelope, not_after FROM sequence_log
       WHERE issuer = $1 AND audience = $2 AND seq > $3 ORDER BY seq`,
      [issuer, audience, lastSettled],
    );
    const newest = entries.length > 0 ? Number(entries[entries.length - 1].seq) : lastSettled;
    if (issuer === self.nodeId) {
      const counter = await this.counter(writes.manager, audience);
      if (lastSettled > counter) {
        await this.recovery.restart(writes.manager, audience as Audience, counter, [child]);
        return undefined;
      }
    }
    if (entries.length === 0) return undefined;
    const now = this.clock.now().getTime();
    let first = entries.length;
    while (
      first > 0 &&
      entries[first - 1].not_after.getTime() > now &&
      Number(entries[first - 1].seq) === newest - (entries.length - first)
    )
      first -= 1;
    const run = entries.slice(first);
    const startAfter = run.length > 0 ? Number(run[0].seq) - 1 : newest;
    await this.queue(writes.manager, child, issuer, audience, run);
    this.logger.log({
      msg: 'queued subtree envelopes for a child that lacks them',
      to: child,
      audience,
      after: lastSettled,
      count: run.length,
      startAfter: startAfter > lastSettled ? startAfter : undefined,
    });
    return startAfter > lastSettled ? startAfter : undefined;
  }

  private async queue(
    manager: EntityManager,
    target: string,
    issuer: string,
    audience: string,
    entries: LogEntry[],
  ): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO outbox (event_id, event_type, target_node, kind, envelope, issuer, audience, seq, status)
       SELECT v.event_id, v.event_type, $1, 'event', v.envelope, $2, $3, v.seq, 'pending'
       FROM unnest($4::uuid[], $5::text[], $6::text[], $7::bigint[]) WITH ORDINALITY
         AS v(event_id, event_type, envelope, seq, n)
       ORDER BY n
       ON CONFLICT (event_id, target_node) DO UPDATE SET status = 'pending', next_attempt_at = now(),
         receipted_at = NULL, receipt_outcome = NULL, receipt_reason = NULL
       WHERE outbox.status IN ('delivered', 'refused')`,
      [
        target,
        issuer,
        audience,
        entries.map((e) => e.event_id),
        entries.map((e) => (JSON.parse(e.envelope) as { type: string }).type),
        entries.map((e) => e.envelope),
        entries.map((e) => e.seq),
      ],
    );
    await this.rows.notify(manager);
  }

  private async counter(manager: EntityManager, audience: string): Promise<number> {
    const [row]: Array<{ last_seq: string }> = await manager.query(
      `SELECT last_seq FROM sequence_counter WHERE audience = $1`,
      [audience],
    );
    return Number(row?.last_seq ?? 0);
  }
}
