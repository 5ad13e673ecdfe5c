import { Logger } from '@nestjs/common';
import { ConsumerInfo, JetStreamManager } from '@nats-io/jetstream';
import { consumerName, keyRegistryBucket, streamName } from '@liandong/protocol';
import { isNotFound, isPermissionDenied } from './broker-errors';
import { MessagingOptions } from './messaging.options';

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

/** What the checks look at and re-create, on the node's connection. */
export interface CheckedBroker {
  isConnected(): boolean;
  jsm(): JetStreamManager;
  /** The manager of the key registry's domain (the same as jsm() unless it is another's). */
  keysJsm(): JetStreamManager;
  consumerInfo(): Promise<ConsumerInfo>;
  ensureStream(): Promise<void>;
  ensureConsumer(): Promise<void>;
  reopenKeyRegistry(): Promise<void>;
}

/**
 * The node's checks of what it relies on at the broker — the federation's stream, its own
 * consumer and the key registry — healing what is missing: a broker that lost its store (or
 * an operator who deleted them) is healed by the next check, without a restart.
 */
export class BrokerChecks {
  private readonly logger = new Logger(BrokerChecks.name);
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

  constructor(
    private readonly broker: CheckedBroker,
    private readonly options: MessagingOptions,
  ) {}

  /** Checks the broker-side state every `brokerCheckMs` and heals what is missing. */
  start(): void {
    if (this.options.brokerCheckMs <= 0) return;
    this.timer = setInterval(() => void this.heal(), this.options.brokerCheckMs);
  }

  /** Stops the periodic checks, once a running one is done. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.healing;
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

  /** Looks (and, with `heal`, re-creates what is missing); throws if the broker does not answer. */
  async check(heal: boolean): Promise<BrokerState> {
    const connected = this.broker.isConnected();
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
    let info = await this.broker.consumerInfo().catch(() => undefined);
    // A node may not read the stream's info on a broker with permissions (it would show who
    // talks to whom): there, its own consumer existing shows the stream does.
    const stream =
      info !== undefined ||
      (await this.exists(() =>
        this.broker.jsm().streams.info(streamName(this.options.federation)),
      ));
    let healedStream = false;
    if (!stream) {
      if (heal)
        healedStream = await this.attempt('stream', () => this.broker.ensureStream(), problems);
      else missing(`stream ${streamName(this.options.federation)}`);
    }
    if (!info && healedStream) info = await this.broker.consumerInfo().catch(() => undefined);
    let healedConsumer = false;
    if (!info) {
      if (!heal) missing(`consumer ${consumerName(this.options.identity.nodeId)}`);
      else if (await this.attempt('consumer', () => this.broker.ensureConsumer(), problems)) {
        healedConsumer = true;
        info = await this.broker.consumerInfo().catch(() => undefined);
      }
    }
    const kvStream = `KV_${keyRegistryBucket(this.options.federation)}`;
    const keyRegistry = await this.exists(() => this.broker.keysJsm().streams.info(kvStream));
    let healedKeys = false;
    if (!keyRegistry) {
      if (!heal) missing(`key registry ${kvStream}`);
      else
        healedKeys = await this.attempt(
          'key registry',
          () => this.broker.reopenKeyRegistry(),
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
}
