import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  nodeAudience,
  parseAudience,
  SequencePositionV1,
  SequenceStartV1,
  subtreeAudience,
  SyncAnsweredV1,
  SyncRequestedV1,
} from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { Cursor } from './batch-writes';
import { Clock } from './clock';
import type { Authentic } from './envelope-admission';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OutboxRow } from './outbox-row';
import { OutboxRows } from './outbox-rows.service';

/**
 * Keeps every node joined up to the sequences delivered to it (protocol.md §5.5), as the
 * asking node: at start, every `syncIntervalMs` to its parent, and whenever it holds an
 * envelope behind a gap, it tells the node that delivers a sequence (the issuer of a
 * `node:<self>` sequence; its parent, for every subtree sequence) where it stands; of the
 * answer, it takes what that node may say. The delivering node answers in SyncAnswers.
 */
@Injectable()
export class SequenceSyncService {
  private readonly logger = new Logger(SequenceSyncService.name);
  private readonly asked = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly rows: OutboxRows,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /** Tells the parent (and, at start, every other node that sends this one events) where it stands. */
  async announce(atStart: boolean): Promise<void> {
    const self = this.options.identity;
    await this.dataSource.transaction(async (manager) => {
      const cursors: Array<{ issuer: string; audience: string; last_seq: string }> =
        await manager.query(`SELECT issuer, audience, last_seq FROM inbox_cursor`);
      const last = (issuer: string, audience: string) =>
        Number(cursors.find((c) => c.issuer === issuer && c.audience === audience)?.last_seq ?? 0);
      const rows: OutboxRow[] = [];
      if (self.parentId) {
        const sequences: SequencePositionV1[] = [
          ...self.path.slice(0, -1).map((ancestor) => ({
            issuer: ancestor,
            audience: subtreeAudience(ancestor),
            lastSettled: last(ancestor, subtreeAudience(ancestor)),
          })),
          {
            issuer: self.parentId,
            audience: nodeAudience(self.nodeId),
            lastSettled: last(self.parentId, nodeAudience(self.nodeId)),
          },
        ];
        rows.push(...this.request(self.parentId, sequences));
      }
      if (atStart) {
        const mine = nodeAudience(self.nodeId);
        for (const cursor of cursors) {
          if (cursor.audience !== mine || cursor.issuer === self.parentId) continue;
          rows.push(
            ...this.request(cursor.issuer, [
              { issuer: cursor.issuer, audience: mine, lastSettled: Number(cursor.last_seq) },
            ]),
          );
        }
      }
      await this.rows.insert(manager, rows);
    });
  }

  startPeriodic(): void {
    if (this.options.syncIntervalMs <= 0 || !this.options.identity.parentId) return;
    this.timer = setInterval(
      () =>
        void this.announce(false).catch((error: unknown) =>
          this.logger.warn({ msg: 'sync request failed', error: (error as Error).message }),
        ),
      this.options.syncIntervalMs,
    );
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** A request about a held gap, to the node that delivers that sequence, unless asked lately. */
  askAboutGap(cursor: Cursor): OutboxRow[] {
    const deliverer = this.delivererOf(cursor.issuer, cursor.audience);
    if (!deliverer) return [];
    const key = `${cursor.issuer} ${cursor.audience}`;
    const now = this.clock.now().getTime();
    if (now - (this.asked.get(key) ?? -Infinity) < this.options.gapAskIntervalMs) return [];
    this.asked.set(key, now);
    return this.request(deliverer, [
      { issuer: cursor.issuer, audience: cursor.audience, lastSettled: cursor.last },
    ]);
  }

  /** Who delivers a sequence to this node: the issuer of a node sequence, the parent of a subtree one. */
  private delivererOf(issuer: string, audience: string): string | null {
    const parsed = parseAudience(audience);
    if (!parsed) return null;
    return parsed.scope === 'node' ? issuer : this.options.identity.parentId;
  }

  private request(to: string, sequences: SequencePositionV1[]): OutboxRow[] {
    const payload: SyncRequestedV1 = { sequences };
    return this.rows.controlRows([to], SyncRequestedV1.type, payload);
  }

  /** The entries of an answer this node takes: only the deliverer of a sequence may say where it starts. */
  startsFrom(event: Authentic): SequenceStartV1[] {
    const { envelope } = event;
    const self = this.options.identity;
    return (envelope.payload as SyncAnsweredV1).sequences.filter((start) => {
      const parsed = parseAudience(start.audience);
      if (!parsed) return false;
      if (parsed.scope === 'node')
        return parsed.nodeId === self.nodeId && start.issuer === envelope.issuer;
      return (
        envelope.issuer === self.parentId &&
        start.issuer === parsed.nodeId &&
        self.path.slice(0, -1).includes(parsed.nodeId)
      );
    });
  }
}
