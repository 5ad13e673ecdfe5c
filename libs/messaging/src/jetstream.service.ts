import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ConsumerInfo,
  jetstream,
  JetStreamClient,
  jetstreamManager,
  JetStreamManager,
} from '@nats-io/jetstream';
import { KV } from '@nats-io/kv';
import { NatsConnection, nkeyAuthenticator } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { consumerName, inboxPrefix, streamName } from '@liandong/protocol';
import { BrokerChecks, BrokerState } from './broker-checks';
import { openKeyRegistry } from './broker-layout';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { NodeBrokerLayout } from './node-broker-layout';

/** The servers of a NATS_URL: one URL, or several comma-separated (a cluster's). */
export function natsServers(url: string): string[] {
  return url
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean);
}

export { isNotFound, isPermissionDenied } from './broker-errors';
export type { BrokerState } from './broker-checks';
export { CONSUMER_ACK_WAIT_MS } from './node-broker-layout';

/**
 * The node's JetStream connection. It declares what this node relies on: the federation's
 * stream, this node's durable pull consumer and the key registry bucket (NodeBrokerLayout)
 * — and keeps them there (BrokerChecks): a broker that lost its store (or an operator who
 * deleted them) is healed by the next check, without a restart. Only features nats-server 2.9
 * has are used (one filter subject per consumer, no per-message TTL).
 */
@Injectable()
export class JetStreamService {
  private readonly logger = new Logger(JetStreamService.name);
  private connection?: NatsConnection;
  private client?: JetStreamClient;
  private manager?: JetStreamManager;
  private keysManager?: JetStreamManager;
  private keyBucket?: KV;
  private readonly layout: NodeBrokerLayout;
  private readonly checks: BrokerChecks;

  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {
    this.layout = new NodeBrokerLayout(() => this.jsm, options);
    this.checks = new BrokerChecks(
      {
        isConnected: () => this.isConnected(),
        jsm: () => this.jsm,
        keysJsm: () => this.keysJsm,
        consumerInfo: () => this.consumerInfo(),
        ensureStream: () => this.layout.ensureStream(),
        ensureConsumer: () => this.layout.ensureConsumer(),
        reopenKeyRegistry: async () => {
          this.keyBucket = await openKeyRegistry(
            this.nc,
            options.federation,
            options.keyRegistryDomain,
          );
        },
      },
      options,
    );
  }

  async start(): Promise<void> {
    const { federation, identity } = this.options;
    this.connection = await connect({
      servers: natsServers(this.options.natsUrl),
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
    this.keysManager = this.options.keyRegistryDomain
      ? await jetstreamManager(this.connection, { domain: this.options.keyRegistryDomain })
      : this.manager;
    this.client = jetstream(this.connection);
    await this.layout.ensureStream();
    await this.layout.ensureConsumer();
    this.keyBucket = await openKeyRegistry(this.nc, federation, this.options.keyRegistryDomain);
    await this.checks.check(true);
    this.logger.log({
      msg: 'jetstream ready',
      stream: streamName(federation),
      consumer: consumerName(identity.nodeId),
    });
  }

  /** Checks the broker-side state every `brokerCheckMs` and heals what is missing. */
  startChecks(): void {
    this.checks.start();
  }

  /** Called after the check re-created something, e.g. to publish this node's keys again. */
  onHealed(listener: (what: { keyRegistry: boolean }) => Promise<void>): void {
    this.checks.onHealed(listener);
  }

  get state(): BrokerState {
    return this.checks.state;
  }

  /**
   * Looks at the stream, the consumer and the key registry, and re-creates whatever is
   * missing. Concurrent callers (the periodic check, a failed publish, a failed pull) share
   * one run.
   */
  heal(): Promise<BrokerState> {
    return this.checks.heal();
  }

  /** The broker-side state as it is now, without changing anything (for /health). */
  inspect(): Promise<BrokerState> {
    return this.checks.inspect();
  }

  /**
   * Re-creates this node's consumer to deliver again from just after `streamSeq`: after a
   * restore, what the broker still holds since the backup comes back (the inbox admits only
   * what the database lacks).
   */
  rewindConsumer(streamSeq: number): Promise<void> {
    return this.layout.rewindConsumer(streamSeq);
  }

  consumerInfo(): Promise<ConsumerInfo> {
    return this.layout.consumerInfo();
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

  /** The JetStream manager of the key registry's domain (messaging.options keyRegistryDomain). */
  get keysJsm(): JetStreamManager {
    if (!this.keysManager) throw new Error('JetStream is not started');
    return this.keysManager;
  }

  get keys(): KV {
    if (!this.keyBucket) throw new Error('JetStream is not started');
    return this.keyBucket;
  }

  isConnected(): boolean {
    return this.connection !== undefined && !this.connection.isClosed();
  }

  async close(): Promise<void> {
    await this.checks.stop();
    if (this.connection && !this.connection.isClosed()) {
      await this.connection.drain().catch(() => this.connection?.close());
    }
  }
}
