import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AckPolicy,
  ConsumerConfig,
  ConsumerInfo,
  DeliverPolicy,
  jetstream,
  JetStreamApiCodes,
  JetStreamApiError,
  JetStreamClient,
  jetstreamManager,
  JetStreamManager,
} from '@nats-io/jetstream';
import { KV } from '@nats-io/kv';
import { NatsConnection, nanos, nkeyAuthenticator } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import {
  consumerName,
  inboxPrefix,
  keyRegistryBucket,
  nodeFilter,
  streamName,
} from '@liandong/protocol';
import { federationStreamConfig, openKeyRegistry } from './broker-layout';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

/** How long the broker waits for an ack before it redelivers (no `backoff`: see consumerConfig). */
export const CONSUMER_ACK_WAIT_MS = 30_000;

/** What this node knows of its broker-side state, for /health. */
export interface BrokerState {
  connected: boolean;
  stream: boolean;
  consumer: boolean;
  keyRegistry: boolean;
  /** Messages for this node not yet delivered, and delivered but not yet acknowledged. */
  pending: number;
  ackPending: number;
  checkedAt: Date | null;
  /** What is wrong, in words, when something is. */
  problem: string | null;
}

/**
 * The node's JetStream connection. It declares what this node relies on: the federation's
 * stream, this node's durable pull consumer and the key registry bucket — and keeps them
 * there: a broker that lost its store (or an operator who deleted them) is healed by the next
 * check, without a restart. Only features nats-server 2.9 has are used (one filter subject
 * per consumer, no per-message TTL).
 */
@Injectable()
export class JetStreamService {
  private readonly logger = new Logger(JetStreamService.name);
  private connection?: NatsConnection;
  private client?: JetStreamClient;
  private manager?: JetStreamManager;
  private keyBucket?: KV;
  private timer?: NodeJS.Timeout;
  private healing?: Promise<BrokerState>;
  private readonly healedListeners: Array<(what: { keyRegistry: boolean }) => Promise<void>> = [];
  private current: BrokerState = {
    connected: false,
    stream: false,
    consumer: false,
    keyRegistry: false,
    pending: 0,
    ackPending: 0,
    checkedAt: null,
    problem: 'not started',
  };

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
      tls: this.options.natsTls,
    });
    this.manager = await jetstreamManager(this.connection);
    this.client = jetstream(this.connection);
    await this.ensureStream();
    await this.ensureConsumer();
    this.keyBucket = await openKeyRegistry(this.nc, federation);
    await this.check(true);
    this.logger.log({
      msg: 'jetstream ready',
      stream: streamName(federation),
      consumer: consumerName(identity.nodeId),
    });
  }

  /** Checks the broker-side state every `brokerCheckMs` and heals what is missing. */
  startChecks(): void {
    if (this.options.brokerCheckMs <= 0) return;
    this.timer = setInterval(() => void this.heal(), this.options.brokerCheckMs);
  }

  /** Called after the check re-created something, e.g. to publish this node's keys again. */
  onHealed(listener: (what: { keyRegistry: boolean }) => Promise<void>): void {
    this.healedListeners.push(listener);
  }

  get state(): BrokerState {
    return this.current;
  }

  /**
   * Looks at the stream, the consumer and the key registry, and re-creates whatever is
   * missing. Concurrent callers (the periodic check, a failed publish, a failed pull) share
   * one run.
   */
  heal(): Promise<BrokerState> {
    this.healing ??= this.check(true)
      .catch((error: unknown) => {
        this.current = {
          ...this.current,
          problem: (error as Error).message,
          checkedAt: new Date(),
        };
        return this.current;
      })
      .finally(() => {
        this.healing = undefined;
      });
    return this.healing;
  }

  /** The broker-side state as it is now, without changing anything (for /health). */
  inspect(): Promise<BrokerState> {
    return this.check(false);
  }

  private async check(heal: boolean): Promise<BrokerState> {
    const connected = this.isConnected();
    if (!connected) {
      this.current = {
        ...this.current,
        connected,
        checkedAt: new Date(),
        problem: 'not connected to NATS',
      };
      return this.current;
    }
    const problems: string[] = [];
    const missing = (what: string) => problems.push(`${what} missing`);
    let info = await this.consumerInfo().catch(() => undefined);
    // A node may not read the stream's info on a broker with permissions (it would show who
    // talks to whom): there, its own consumer existing shows the stream does.
    const stream =
      info !== undefined ||
      (await this.exists(() => this.jsm.streams.info(streamName(this.options.federation))));
    let healedStream = false;
    if (!stream) {
      if (heal) healedStream = await this.attempt('stream', () => this.ensureStream(), problems);
      else missing(`stream ${streamName(this.options.federation)}`);
    }
    if (!info && healedStream) info = await this.consumerInfo().catch(() => undefined);
    let healedConsumer = false;
    if (!info) {
      if (!heal) missing(`consumer ${consumerName(this.options.identity.nodeId)}`);
      else if (await this.attempt('consumer', () => this.ensureConsumer(), problems)) {
        healedConsumer = true;
        info = await this.consumerInfo().catch(() => undefined);
      }
    }
    const kvStream = `KV_${keyRegistryBucket(this.options.federation)}`;
    const keyRegistry = await this.exists(() => this.jsm.streams.info(kvStream));
    let healedKeys = false;
    if (!keyRegistry) {
      if (!heal) missing(`key registry ${kvStream}`);
      else
        healedKeys = await this.attempt(
          'key registry',
          async () => {
            this.keyBucket = await openKeyRegistry(this.nc, this.options.federation);
          },
          problems,
        );
    }
    const state: BrokerState = {
      connected,
      stream: stream || healedStream,
      consumer: info !== undefined,
      keyRegistry: keyRegistry || healedKeys,
      pending: info?.num_pending ?? 0,
      ackPending: info?.num_ack_pending ?? 0,
      checkedAt: new Date(),
      problem: problems.length > 0 ? problems.join('; ') : null,
    };
    if (!heal) return state;
    this.current = state;
    if (healedStream || healedConsumer || healedKeys) {
      for (const listener of this.healedListeners)
        await listener({ keyRegistry: healedKeys }).catch((error: unknown) =>
          this.logger.warn({ msg: 'after healing', error: (error as Error).message }),
        );
    }
    return this.current;
  }

  private async exists(probe: () => Promise<unknown>): Promise<boolean> {
    try {
      await probe();
      return true;
    } catch (error) {
      if (isNotFound(error) || isPermissionDenied(error)) return false;
      throw error;
    }
  }

  private async attempt(
    what: string,
    create: () => Promise<void>,
    problems: string[],
  ): Promise<boolean> {
    try {
      await create();
      this.logger.warn({ msg: `the broker had lost the ${what}: re-created it` });
      return true;
    } catch (error) {
      problems.push(`${what} missing and could not be created: ${(error as Error).message}`);
      return false;
    }
  }

  private async ensureStream(): Promise<void> {
    const config = federationStreamConfig(this.options.federation, this.options.streamMaxAgeMs);
    let existing;
    try {
      existing = await this.jsm.streams.info(config.name);
    } catch (error) {
      // Not ours to see or make on a broker with permissions: the operator provisions it.
      if (isPermissionDenied(error)) return;
      existing = undefined;
    }
    if (existing) {
      const stale = (
        ['subjects', 'max_bytes', 'max_msg_size', 'max_msgs_per_subject'] as const
      ).filter((field) => JSON.stringify(existing.config[field]) !== JSON.stringify(config[field]));
      if (stale.length > 0) {
        // A stream made by an earlier version: given the current subjects and limits.
        this.logger.warn({ msg: 'updating the stream settings', stream: config.name, stale });
        await this.jsm.streams.update(config.name, { ...existing.config, ...config });
      }
    } else {
      try {
        await this.jsm.streams.add(config);
      } catch (error) {
        // Another node of the federation may have created it a moment earlier.
        await this.jsm.streams.info(config.name).catch(() => {
          throw error;
        });
      }
    }
  }

  /**
   * The durable pull consumer. No `backoff` list: nats-server 2.9 then takes the first
   * backoff value as `ack_wait`, and a batch slower than that would be delivered again. The
   * consumer naks a failed message with its own growing delay instead.
   */
  private consumerConfig(startAfter?: number): Partial<ConsumerConfig> {
    const { identity, federation, maxDeliver } = this.options;
    return {
      durable_name: consumerName(identity.nodeId),
      filter_subject: nodeFilter(federation, identity.nodeId),
      ack_policy: AckPolicy.Explicit,
      ...(startAfter === undefined
        ? { deliver_policy: DeliverPolicy.All }
        : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: startAfter + 1 }),
      ack_wait: nanos(CONSUMER_ACK_WAIT_MS),
      max_deliver: maxDeliver,
      max_ack_pending: 10_000,
    };
  }

  private async ensureConsumer(): Promise<void> {
    const { identity, federation } = this.options;
    const durable = consumerName(identity.nodeId);
    const config = this.consumerConfig();
    const existing = await this.jsm.consumers
      .info(streamName(federation), durable)
      .catch(() => undefined);
    const stale =
      existing &&
      (existing.config.filter_subject !== config.filter_subject ||
        (existing.config.backoff?.length ?? 0) > 0 ||
        existing.config.ack_wait !== config.ack_wait);
    if (stale) {
      // nats-server 2.9 cannot change these in place: recreate; the inbox drops what comes again.
      this.logger.warn({
        msg: 'recreating the consumer with its current settings',
        consumer: durable,
      });
      await this.jsm.consumers.delete(streamName(federation), durable);
    }
    // A re-created consumer goes on from where the old one was acknowledged.
    if (!existing || stale)
      await this.jsm.consumers.add(
        streamName(federation),
        stale && existing.config.filter_subject === config.filter_subject
          ? this.consumerConfig(existing.ack_floor.stream_seq)
          : config,
      );
  }

  /**
   * Re-creates this node's consumer to deliver again from just after `streamSeq`: after a
   * restore, what the broker still holds since the backup comes back (the inbox admits only
   * what the database lacks).
   */
  async rewindConsumer(streamSeq: number): Promise<void> {
    const stream = streamName(this.options.federation);
    await this.jsm.consumers
      .delete(stream, consumerName(this.options.identity.nodeId))
      .catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      });
    await this.jsm.consumers.add(stream, this.consumerConfig(streamSeq));
  }

  consumerInfo(): Promise<ConsumerInfo> {
    return this.jsm.consumers.info(
      streamName(this.options.federation),
      consumerName(this.options.identity.nodeId),
    );
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
    if (this.timer) clearInterval(this.timer);
    await this.healing;
    if (this.connection && !this.connection.isClosed()) {
      await this.connection.drain().catch(() => this.connection?.close());
    }
  }
}

/** The broker says the stream or consumer does not exist (or JetStream lost its state). */
export function isNotFound(error: unknown): boolean {
  if (error instanceof JetStreamApiError)
    return (
      error.code === JetStreamApiCodes.StreamNotFound ||
      error.code === JetStreamApiCodes.ConsumerNotFound
    );
  return /not found/i.test((error as Error)?.message ?? '');
}

/** The broker refused the request for this user's permissions. */
export function isPermissionDenied(error: unknown): boolean {
  return /permissions violation/i.test((error as Error)?.message ?? '');
}
