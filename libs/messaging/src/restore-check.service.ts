import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from './audit.service';
import { Clock } from './clock';
import { NodeState } from './entities';
import { JetStreamService } from './jetstream.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OutboxRecovery } from './outbox-recovery.service';

/**
 * Notices at start that this node's database was restored from a backup: the broker has
 * acknowledged messages past the last one the database settled. Then (protocol.md §5.5) the
 * consumer is re-created to deliver again from just after that point — what the broker still
 * holds since the backup comes back, the inbox admitting what the database lacks — and each
 * of the node's own sequences is announced as restarted before its next event, because its
 * counters went back with the database.
 */
@Injectable()
export class RestoreCheck {
  private readonly logger = new Logger(RestoreCheck.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly jetstream: JetStreamService,
    private readonly recovery: OutboxRecovery,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /** Returns whether a restore was noticed now. */
  async run(): Promise<boolean> {
    const nodeId = this.options.identity.nodeId;
    const acked = (await this.jetstream.consumerInfo()).ack_floor.stream_seq;
    const restored = await this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO node_state (node_id) VALUES ($1) ON CONFLICT DO NOTHING`, [
        nodeId,
      ]);
      const state = await manager.findOneOrFail(NodeState, {
        where: { nodeId },
        lock: { mode: 'pessimistic_write' },
      });
      if (state.consumedStreamSeq === null) {
        // First start of this database (or of this version): nothing to compare with yet.
        await manager.update(NodeState, { nodeId }, { consumedStreamSeq: String(acked) });
        return { noticed: false, at: state.restoredAt, consumed: acked };
      }
      const consumed = Number(state.consumedStreamSeq);
      if (acked <= consumed) return { noticed: false, at: state.restoredAt, consumed };
      const at = this.clock.now();
      await manager.update(NodeState, { nodeId }, { restoredAt: at });
      await this.audit.record(manager, {
        actor: 'system',
        action: 'node.restore_noticed',
        subjectType: 'node',
        subjectId: nodeId,
        detail: { consumedStreamSeq: consumed, brokerAckFloor: acked },
      });
      return { noticed: true, at, consumed };
    });
    if (restored.at) this.recovery.markRestored(restored.at);
    if (!restored.noticed) return false;
    this.logger.warn({
      msg: 'this database is behind the broker: restored from a backup; catching up',
      consumedStreamSeq: restored.consumed,
      brokerAckFloor: acked,
    });
    await this.jetstream.rewindConsumer(restored.consumed);
    return true;
  }
}
