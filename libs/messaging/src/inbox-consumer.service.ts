import { Inject, Injectable, Logger } from '@nestjs/common';
import { Consumer, JsMsg } from '@nats-io/jetstream';
import { consumerName, HOP_HEADER, streamName } from '@liandong/protocol';
import { InboxProcessorService } from './inbox-processor.service';
import { JetStreamService } from './jetstream.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

/**
 * Pulls this node's envelopes from its durable consumer in batches and hands each to the
 * inbox processor. Acks only after the database transaction committed; a failure leaves
 * the message to JetStream's redelivery with backoff, up to max_deliver, and the last
 * delivery is settled as a dead letter so it never blocks what follows.
 */
@Injectable()
export class InboxConsumerService {
  private readonly logger = new Logger(InboxConsumerService.name);
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly jetstream: JetStreamService,
    private readonly processor: InboxProcessorService,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async start(): Promise<void> {
    const consumer = await this.jetstream.js.consumers.get(streamName(this.options.federation), consumerName(this.options.identity.nodeId));
    this.running = true;
    this.loop = this.run(consumer);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(consumer: Consumer): Promise<void> {
    while (this.running) {
      try {
        const batch = await consumer.fetch({ max_messages: this.options.consumerBatchSize, expires: 1_000 });
        for await (const message of batch) {
          await this.handle(message);
          if (!this.running) break;
        }
      } catch (error) {
        if (!this.running) break;
        this.logger.warn({ msg: 'fetch failed, retrying', error: (error as Error).message });
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  private async handle(message: JsMsg): Promise<void> {
    const lastDelivery = message.info.deliveryCount >= this.options.maxDeliver;
    const hopFrom = message.headers?.get(HOP_HEADER) || null;
    try {
      const disposition = await this.processor.process(message.string(), hopFrom, lastDelivery);
      if (disposition === 'ack') message.ack();
      else message.nak(this.retryDelay(message));
    } catch (error) {
      // The database is unreachable or similar: let JetStream redeliver with backoff.
      this.logger.error({ msg: 'processing failed', error: (error as Error).message, delivery: message.info.deliveryCount });
      if (lastDelivery) {
        await this.processor
          .deadLetter('dead_lettered', 'DELIVERY_EXHAUSTED', `gave up after ${message.info.deliveryCount} deliveries: ${(error as Error).message}`, message.string(), hopFrom)
          .catch(() => undefined);
      }
      message.nak(this.retryDelay(message));
    }
  }

  private retryDelay(message: JsMsg): number {
    return Math.min(60_000, 500 * 2 ** (message.info.deliveryCount - 1));
  }
}
