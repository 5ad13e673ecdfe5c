import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { consumerName, senderOf, streamName } from '@liandong/protocol';
import { IncomingMessage } from './envelope-admission';
import { Disposition, InboxProcessorService } from './inbox-processor.service';
import { CONSUMER_ACK_WAIT_MS, JetStreamService } from './jetstream.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { announcesBatchForms, PROTOCOL_HEADER } from './peer-protocol.service';

/**
 * Pulls this node's envelopes from its durable consumer and settles them in batches:
 * whatever has arrived while the previous batch was being written forms the next one,
 * so batches grow under load and stay at one message when the line is quiet. Messages
 * are acked only after their batch committed; an outage leaves them to JetStream's
 * redelivery (nak with a growing delay). Messages waiting their turn are kept alive
 * (`working`), so the broker does not deliver them again meanwhile.
 */
@Injectable()
export class InboxConsumerService {
  private readonly logger = new Logger(InboxConsumerService.name);
  private running = false;
  private loop?: Promise<void>;
  private messages?: ConsumerMessages;
  private readonly queue: JsMsg[] = [];
  private wake?: () => void;
  private keepAlive?: NodeJS.Timeout;

  constructor(
    private readonly jetstream: JetStreamService,
    private readonly processor: InboxProcessorService,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async start(): Promise<void> {
    this.running = true;
    this.keepAlive = setInterval(() => {
      for (const message of this.queue) message.working();
    }, CONSUMER_ACK_WAIT_MS / 3);
    this.loop = Promise.all([this.pull(), this.settle()]).then(() => undefined);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.keepAlive);
    await this.messages?.close().catch(() => undefined);
    this.wake?.();
    await this.loop;
  }

  /** Starts pulling again at once (after the consumer was re-created, say). */
  restartPull(): void {
    void this.messages?.close().catch(() => undefined);
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
          msg: 'consumer subscription failed, checking the broker and retrying',
          error: (error as Error).message,
        });
        await this.jetstream.heal();
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
    const incoming: IncomingMessage[] = batch.map((message) => ({
      data: message.data,
      raw: message.string(),
      hopFrom: senderOf(message.subject),
      streamSeq: message.info.streamSequence,
      storedAtNanos: message.info.timestampNanos,
      lastDelivery: message.info.deliveryCount >= this.options.maxDeliver,
      batchForms: announcesBatchForms(message.headers?.get(PROTOCOL_HEADER)),
    }));
    let dispositions: Disposition[];
    try {
      dispositions = await this.processor.processBatch(incoming);
    } catch (error) {
      this.logger.error({
        msg: 'processing failed',
        error: (error as Error).message,
        batch: batch.length,
      });
      dispositions = batch.map(() => 'retry');
    }
    for (const [index, message] of batch.entries()) {
      if (dispositions[index] === 'ack') {
        message.ack();
        continue;
      }
      if (incoming[index].lastDelivery) {
        // The broker will not deliver it again: record that where the database lets us (the
        // sender re-sends an event no receipt answered); otherwise leave it to the broker.
        const recorded = await this.processor
          .deadLetter(
            'dead_lettered',
            'DELIVERY_EXHAUSTED',
            `gave up after ${message.info.deliveryCount} deliveries`,
            incoming[index],
          )
          .then(
            () => true,
            () => false,
          );
        if (recorded) {
          message.ack();
          continue;
        }
      }
      message.nak(Math.min(60_000, 500 * 2 ** (message.info.deliveryCount - 1)));
    }
  }
}
