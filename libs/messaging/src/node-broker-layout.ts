import { Logger } from '@nestjs/common';
import {
  AckPolicy,
  ConsumerConfig,
  ConsumerInfo,
  DeliverPolicy,
  JetStreamManager,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { consumerName, nodeFilter, streamName } from '@liandong/protocol';
import { isNotFound, isPermissionDenied } from './broker-errors';
import { federationStreamConfig } from './broker-layout';
import { MessagingOptions } from './messaging.options';

/** How long the broker waits for an ack before it redelivers (no `backoff`: see consumerConfig). */
export const CONSUMER_ACK_WAIT_MS = 30_000;

/** A node's durable pull consumer (protocol.md §4): its own subject, explicit acks, no `backoff`. */
export function nodeConsumerConfig(
  federation: string,
  nodeId: string,
  maxDeliver: number,
  startAfter?: number,
): Partial<ConsumerConfig> {
  return {
    durable_name: consumerName(nodeId),
    filter_subject: nodeFilter(federation, nodeId),
    ack_policy: AckPolicy.Explicit,
    ...(startAfter === undefined
      ? { deliver_policy: DeliverPolicy.All }
      : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: startAfter + 1 }),
    ack_wait: nanos(CONSUMER_ACK_WAIT_MS),
    max_deliver: maxDeliver,
    max_ack_pending: 10_000,
  };
}

/**
 * What this node declares on the broker: the federation's stream and its own durable pull
 * consumer, each made to have the current settings (one made by an earlier version is
 * updated, or re-created where nats-server 2.9 cannot change it in place).
 */
export class NodeBrokerLayout {
  private readonly logger = new Logger(NodeBrokerLayout.name);

  constructor(
    private readonly jsm: () => JetStreamManager,
    private readonly options: MessagingOptions,
  ) {}

  async ensureStream(): Promise<void> {
    const config = federationStreamConfig(
      this.options.federation,
      this.options.streamMaxAgeMs,
      this.options.streamMaxBytes,
      { recipients: this.options.streamRecipients },
    );
    let existing;
    try {
      existing = await this.jsm().streams.info(config.name);
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
        await this.jsm().streams.update(config.name, { ...existing.config, ...config });
      }
    } else {
      try {
        await this.jsm().streams.add(config);
      } catch (error) {
        // Another node of the federation may have created it a moment earlier.
        await this.jsm()
          .streams.info(config.name)
          .catch(() => {
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
    return nodeConsumerConfig(federation, identity.nodeId, maxDeliver, startAfter);
  }

  async ensureConsumer(): Promise<void> {
    const { identity, federation } = this.options;
    const durable = consumerName(identity.nodeId);
    const config = this.consumerConfig();
    const existing = await this.jsm()
      .consumers.info(streamName(federation), durable)
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
      await this.jsm().consumers.delete(streamName(federation), durable);
    }
    // A re-created consumer goes on from where the old one was acknowledged.
    if (!existing || stale)
      await this.jsm().consumers.add(
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
    await this.jsm()
      .consumers.delete(stream, consumerName(this.options.identity.nodeId))
      .catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      });
    await this.jsm().consumers.add(stream, this.consumerConfig(streamSeq));
  }

  consumerInfo(): Promise<ConsumerInfo> {
    return this.jsm().consumers.info(
      streamName(this.options.federation),
      consumerName(this.options.identity.nodeId),
    );
  }
}
