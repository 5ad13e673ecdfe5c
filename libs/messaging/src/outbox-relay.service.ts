import { Inject, Injectable, Logger } from '@nestjs/common';
import { messageId, nodeSubject } from '@liandong/protocol';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { JetStreamService } from './jetstream.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OUTBOX_CHANNEL } from './outbox.service';

interface ClaimedRow {
  id: string;
  event_id: string;
  target_node: string;
  kind: 'event' | 'receipt';
  envelope: string;
  attempts: number;
}

/**
 * Moves outbox rows to JetStream. Rows are claimed with FOR UPDATE SKIP LOCKED, so any
 * number of relays may run; each publish carries Nats-Msg-Id `<event id>:<target>:<attempt>`
 * so a re-publish after a crash (same attempt) is dropped by the broker's duplicate window,
 * and anything later by the receiver's inbox. An event row stays `published` and is re-sent
 * on a doubling timer until the receiver's signed receipt arrives.
 */
@Injectable()
export class OutboxRelayService {
  private readonly logger = new Logger(OutboxRelayService.name);
  private listener?: Client;
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private pendingWake = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jetstream: JetStreamService,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async start(): Promise<void> {
    const pgOptions = this.dataSource.options as { url?: string };
    this.listener = new Client({ connectionString: pgOptions.url });
    this.listener.on('notification', () => this.wake());
    this.listener.on('error', (error) =>
      this.logger.warn({ msg: 'outbox listener lost', error: error.message }),
    );
    await this.listener.connect();
    await this.listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.relayBatch();
      } catch (error) {
        this.logger.warn({ msg: 'relay batch failed', error: (error as Error).message });
      }
      if (published === 0 && this.running) await this.idle();
    }
  }

  private idle(): Promise<void> {
    if (this.pendingWake) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.options.relayPollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        this.pendingWake = false;
        done();
      };
    });
  }

  /** Publishes one batch of due rows; returns how many were due. */
  async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: ClaimedRow[] = await manager.query(
        `SELECT id, event_id, target_node, kind, envelope, attempts FROM outbox
         WHERE status IN ('pending', 'published') AND next_attempt_at <= now()
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.relayBatchSize],
      );
      if (rows.length === 0) return 0;
      // Publishes go out in row order on one connection; acks are awaited together.
      const results = await Promise.allSettled(rows.map((row) => this.publish(row)));
      const published: string[] = [];
      const receiptsDone: string[] = [];
      const failed: Array<{ id: string; error: string }> = [];
      results.forEach((result, index) => {
        const row = rows[index];
        if (result.status === 'rejected')
          failed.push({
            id: row.id,
            error: String((result.reason as Error)?.message ?? result.reason),
          });
        else if (row.kind === 'receipt') receiptsDone.push(row.id);
        else published.push(row.id);
      });
      if (receiptsDone.length > 0) {
        await manager.query(
          `UPDATE outbox SET status = 'delivered', attempts = attempts + 1, published_at = now(), last_error = NULL WHERE id = ANY($1::bigint[])`,
          [receiptsDone],
        );
      }
      if (published.length > 0) {
        await manager.query(
          `UPDATE outbox SET status = 'published', attempts = attempts + 1, published_at = now(), last_error = NULL,
             next_attempt_at = now() + make_interval(secs => LEAST($2::float8, $3::float8 * power(2, attempts)) / 1000)
           WHERE id = ANY($1::bigint[])`,
          [published, this.options.resendMaxMs, this.options.resendAfterMs],
        );
      }
      for (const failure of failed) {
        await manager.query(
          `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
             next_attempt_at = now() + make_interval(secs => LEAST(60, power(2, attempts)))
           WHERE id = $1`,
          [failure.id, failure.error.slice(0, 500)],
        );
      }
      if (failed.length > 0)
        this.logger.warn({ msg: 'publish failed', count: failed.length, first: failed[0].error });
      return rows.length;
    });
  }

  private async publish(row: ClaimedRow): Promise<void> {
    const { federation, identity } = this.options;
    await this.jetstream.js.publish(
      nodeSubject(federation, row.target_node, identity.nodeId),
      row.envelope,
      {
        msgID: messageId(row.event_id, row.target_node, row.attempts),
        timeout: 5_000,
      },
    );
  }
}
