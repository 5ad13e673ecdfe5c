import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { consumerName, senderOf, streamName } from '@liandong/protocol';
import { Disposition, InboxProcessorService } from './inbox-processor.service';
import { JetStreamService } from './jetstream.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

/**
 * Pulls this node's envelopes from its durable consumer and settles them in batches:
 * whatever has arrived while the previous batch was being written forms the next one,
 * so batches grow under load and stay at one message when the line is quiet. Messages
 * are acked only after their batch committed; a failure leaves them to JetStream's
 * redelivery (nak with a growing delay), and the last delivery is settled as a dead
 * letter so it never blocks what follows.
 */
@Injectable()
export class InboxConsumerService {
  private readonly logger = new Logger(InboxConsumerService.name);
  private running = false;
  private loop?: Promise<void>;
  private messages?: ConsumerMessages;
  private readonly queue: JsMsg[] = [];
  private wake?: () => void;

  constructor(
    private readonly jetstream: JetStreamService,
    private readonly processor: InboxProcessorService,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async start(): Promise<void> {
    this.running = true;
    this.loop = Promise.all([this.pull(), this.settle()]).then(() => undefined);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.messages?.close().catch(() => undefined);
    this.wake?.();
    await this.loop;
  }

  /** Feeds the queue from JetStream; re-subscribes if the subscription ends while running. */
  private async pull(): Promise<void> {
    while (this.running) {
      try {
        const consumer = await this.jetstream.js.consumers.get(
          streamName(this.options.federation),
          consumerName(this.options.identity.nodeId),
        );
        this.messages = await consumer.consume({
          max_messages: this.options.consumerBatchSize * 2,
        });
        for await (const message of this.messages) {
          this.queue.push(message);
          this.wake?.();
        }
      } catch (error) {
        if (!this.running) break;
        this.logger.warn({
          msg: 'consumer subscription failed, retrying',
          error: (error as Error).message,
        });
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  private async settle(): Promise<void> {
    while (this.running) {
      if (this.queue.length === 0) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        this.wake = undefined;
        continue;
      }
      await this.handle(this.queue.splice(0, this.options.consumerBatchSize));
    }
    // Left unacked: JetStream redelivers them to the next run.
    this.queue.length = 0;
  }

  private async handle(batch: JsMsg[]): Promise<void> {
    const incoming = batch.map((message) => ({
      raw: message.string(),
      hopFrom: senderOf(message.subject),
      lastDelivery: message.info.deliveryCount >= this.options.maxDeliver,
    }));
    let dispositions: Disposition[];
    try {
      dispositions = await this.processor.processBatch(incoming);
    } catch (error) {
      // The database is unreachable or similar: let JetStream redeliver with backoff.
      this.logger.error({
        msg: 'processing failed',
        error: (error as Error).message,
        batch: batch.length,
      });
      dispositions = batch.map(() => 'retry');
      for (const [index, message] of batch.entries()) {
        if (!incoming[index].lastDelivery) continue;
        await this.processor
          .deadLetter(
            'dead_lettered',
            'DELIVERY_EXHAUSTED',
            `gave up after ${message.info.deliveryCount} deliveries: ${(error as Error).message}`,
            incoming[index].raw,
            incoming[index].hopFrom,
          )
          .catch(() => undefined);
      }
    }
    batch.forEach((message, index) => {
      if (dispositions[index] === 'ack') message.ack();
      else message.nak(Math.min(60_000, 500 * 2 ** (message.info.deliveryCount - 1)));
    });
  }
}
