import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  JetStreamClient,
  jetstreamManager,
  JetStreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { KV } from '@nats-io/kv';
import { NatsConnection, nanos, nkeyAuthenticator } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import {
  consumerName,
  inboxPrefix,
  nodeFilter,
  streamName,
  streamSubjects,
} from '@liandong/protocol';
import { openKeyRegistry } from './key-registry-bucket';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

/**
 * The node's JetStream connection. It declares what this node relies on: the
 * federation's stream, this node's durable pull consumer and the key registry bucket.
 * Only features nats-server 2.9 has are used (one filter subject per consumer, no
 * per-message TTL).
 */
@Injectable()
export class JetStreamService {
  private readonly logger = new Logger(JetStreamService.name);
  private connection?: NatsConnection;
  private client?: JetStreamClient;
  private manager?: JetStreamManager;
  private keyBucket?: KV;

  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {}

  async start(): Promise<void> {
    const { federation, identity } = this.options;
    this.connection = await connect({
      servers: this.options.natsUrl,
      name: `liandong-${federation}-${identity.nodeId}`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      // Replies come to this node's own inbox prefix: its broker user may subscribe only there.
      inboxPrefix: inboxPrefix(federation, identity.nodeId),
      authenticator: this.options.natsSeed
        ? nkeyAuthenticator(new TextEncoder().encode(this.options.natsSeed))
        : undefined,
    });
    this.manager = await jetstreamManager(this.connection);
    this.client = jetstream(this.connection);
    await this.ensureStream();
    await this.ensureConsumer();
    this.keyBucket = await openKeyRegistry(this.client, federation);
    this.logger.log({
      msg: 'jetstream ready',
      stream: streamName(federation),
      consumer: consumerName(identity.nodeId),
    });
  }

  private async ensureStream(): Promise<void> {
    const name = streamName(this.options.federation);
    const config = {
      name,
      subjects: streamSubjects(this.options.federation),
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: nanos(this.options.streamMaxAgeMs),
      duplicate_window: nanos(120_000),
    };
    let existing;
    try {
      existing = await this.jsm.streams.info(name);
    } catch {
      existing = undefined;
    }
    if (existing) {
      const wanted = config.subjects.join(' ');
      if (existing.config.subjects?.join(' ') !== wanted) {
        this.logger.warn({
          msg: 'updating the stream subjects',
          stream: name,
          from: existing.config.subjects,
          to: config.subjects,
        });
        await this.jsm.streams.update(name, { subjects: config.subjects });
      }
    } else {
      try {
        await this.jsm.streams.add(config);
      } catch (error) {
        // Another node of the federation may have created it a moment earlier.
        await this.jsm.streams.info(name).catch(() => {
          throw error;
        });
      }
    }
  }

  private async ensureConsumer(): Promise<void> {
    const { identity, federation, maxDeliver } = this.options;
    const durable = consumerName(identity.nodeId);
    const backoff = [1_000, 5_000, 15_000, 30_000, 60_000, 120_000, 300_000].slice(
      0,
      Math.max(1, maxDeliver - 1),
    );
    const config = {
      durable_name: durable,
      filter_subject: nodeFilter(federation, identity.nodeId),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(30_000),
      max_deliver: maxDeliver,
      backoff: backoff.map((ms) => nanos(ms)),
      max_ack_pending: 10_000,
    };
    const existing = await this.jsm.consumers
      .info(streamName(federation), durable)
      .catch(() => undefined);
    if (existing && existing.config.filter_subject !== config.filter_subject) {
      // nats-server 2.9 cannot change a filter: recreate; the inbox drops what comes again.
      this.logger.warn({ msg: 'recreating the consumer with its new filter', consumer: durable });
      await this.jsm.consumers.delete(streamName(federation), durable);
    }
    if (!existing || existing.config.filter_subject !== config.filter_subject) {
      await this.jsm.consumers.add(streamName(federation), config);
    }
  }

  get nc(): NatsConnection {
    if (!this.connection) throw new Error('JetStream is not started');
    return this.connection;
  }

  get js(): JetStreamClient {
    if (!this.client) throw new Error('JetStream is not started');
    return this.client;
  }

  get jsm(): JetStreamManager {
    if (!this.manager) throw new Error('JetStream is not started');
    return this.manager;
  }

  get keys(): KV {
    if (!this.keyBucket) throw new Error('JetStream is not started');
    return this.keyBucket;
  }

  isConnected(): boolean {
    return this.connection !== undefined && !this.connection.isClosed();
  }

  async close(): Promise<void> {
    if (this.connection && !this.connection.isClosed()) {
      await this.connection.drain().catch(() => this.connection?.close());
    }
  }
}
