import { Inject, Injectable, Logger } from '@nestjs/common';
import { headers, MsgHdrs } from '@nats-io/nats-core';
import {
  Envelope,
  isBatchSignature,
  messageId,
  nodeSubject,
  signEnvelope,
} from '@liandong/protocol';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { OutboxKind } from './entities';
import { JetStreamService } from './jetstream.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OUTBOX_CHANNEL } from './outbox-row';
import { PeerProtocolService, PROTOCOL_HEADER, PROTOCOL_VERSION } from './peer-protocol.service';

interface ClaimedRow {
  id: string;
  event_id: string;
  target_node: string;
  kind: OutboxKind;
  envelope: string;
  attempts: number;
}

/**
 * Moves outbox rows to JetStream. Rows are claimed with FOR UPDATE SKIP LOCKED, so any
 * number of relays may run; each publish carries Nats-Msg-Id `<event id>:<target>:<attempt>`
 * so a re-publish after a crash (same attempt) is dropped by the broker's duplicate window,
 * and anything later by the receiver's inbox. An event row stays `published` and is re-sent
 * on a doubling timer until the receiver's signed receipt arrives. The relay wakes on
 * PostgreSQL's NOTIFY (the listener reconnects after a database restart) and polls besides.
 */
@Injectable()
export class OutboxRelayService {
  private readonly logger = new Logger(OutboxRelayService.name);
  private listener?: Client;
  private listenerRetry?: NodeJS.Timeout;
  private listenerFailures = 0;
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private pendingWake = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jetstream: JetStreamService,
    private readonly peers: PeerProtocolService,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async start(): Promise<void> {
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.listenerRetry);
    this.wake();
    await this.loop;
    const listener = this.listener;
    this.listener = undefined;
    listener?.removeAllListeners().on('error', () => undefined);
    await listener?.end().catch(() => undefined);
  }

  /** Whether the NOTIFY listener is connected (else the relay runs on its poll alone). */
  get listening(): boolean {
    return this.listener !== undefined;
  }

  /** Every event awaiting a receipt goes out again now (the broker lost what it held, say). */
  async resendUnreceipted(): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox SET next_attempt_at = now() WHERE status = 'published' AND kind = 'event'`,
    );
    this.wake();
  }

  /** LISTEN on a connection of its own; after losing it, reconnects with a growing delay. */
  private async listen(): Promise<void> {
    const pgOptions = this.dataSource.options as { url?: string };
    const client = new Client({ connectionString: pgOptions.url });
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      client.removeAllListeners().on('error', () => undefined);
      void client.end().catch(() => undefined);
      this.logger.warn({ msg: 'outbox listener lost', error: error?.message });
      this.scheduleListen();
    };
    client.on('notification', () => this.wake());
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners().on('error', () => undefined);
      await client.end().catch(() => undefined);
      this.logger.warn({ msg: 'outbox listener not connected', error: (error as Error).message });
      this.scheduleListen();
      return;
    }
    this.listener = client;
    if (this.listenerFailures > 0)
      this.logger.log({ msg: 'outbox listener connected again', after: this.listenerFailures });
    this.listenerFailures = 0;
    // Rows written while the listener was away would otherwise wait for the poll.
    this.wake();
  }

  private scheduleListen(): void {
    if (!this.running) return;
    this.listenerFailures += 1;
    const delay = Math.min(30_000, 250 * 2 ** Math.min(this.listenerFailures, 7));
    this.listenerRetry = setTimeout(() => void this.listen(), delay);
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
      // A batch-signed envelope for a peer that went back to protocol 1.0 is signed alone.
      for (const row of rows)
        if (
          row.envelope.includes('"signature":"mt1.') &&
          !(await this.peers.batchFormsTo(manager, row.target_node))
        )
          row.envelope = this.signedAlone(row.envelope);
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
        else if (row.kind !== 'event') receiptsDone.push(row.id);
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
      if (failed.length > 0) {
        this.logger.warn({ msg: 'publish failed', count: failed.length, first: failed[0].error });
        // The broker may have lost the stream: have it checked (and re-created).
        void this.jetstream.heal();
      }
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
        headers: this.announcement(),
      },
    );
  }

  /**
   * Every publish of a 1.1 node says so (protocol.md §9.1). A set of its own per publish:
   * js.publish writes the message's Nats-Msg-Id into the headers it is given.
   */
  private announcement(): MsgHdrs | undefined {
    if (!this.options.batchForms) return undefined;
    const h = headers();
    h.set(PROTOCOL_HEADER, PROTOCOL_VERSION);
    return h;
  }

  /** The same envelope with a single signature of this node's current key. */
  private signedAlone(raw: string): string {
    const envelope = JSON.parse(raw) as Envelope;
    if (!isBatchSignature(envelope.signature) || envelope.issuer !== this.options.identity.nodeId)
      return raw;
    const unsigned: Partial<Envelope> = { ...envelope };
    delete unsigned.signature;
    const { key } = this.options.identity;
    return JSON.stringify(
      signEnvelope(
        { ...(unsigned as Omit<Envelope, 'signature'>), keyId: key.keyId },
        key.privateKey,
      ),
    );
  }
}
