import { Controller, Inject, Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { MESSAGING_OPTIONS, MessagingOptions } from '@liandong/messaging';
import { FederationQueries } from '../operations/federation.queries';

export interface LiveStatus {
  nodeId: string;
  name: string;
  tier: string;
  outbox: Record<string, number>;
  deadLetters: number;
  at: string;
}

/**
 * At-most-once live queries over core NATS (Nest's NATS transport): an operator asks a
 * running node how it is doing. Nothing durable travels this way. The subject carries
 * the node id, so the controller is made per node.
 */
export function liveController(subject: string): Type<unknown> {
  @Controller()
  class LiveController {
    constructor(
      private readonly queries: FederationQueries,
      @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    ) {}

    @MessagePattern(subject)
    async status(): Promise<LiveStatus> {
      const [outbox, deadLetters] = await Promise.all([
        this.queries.outboxCounts(),
        this.queries.deadLetterCount(),
      ]);
      const { identity } = this.options;
      return {
        nodeId: identity.nodeId,
        name: identity.name,
        tier: identity.tier,
        outbox,
        deadLetters,
        at: new Date().toISOString(),
      };
    }
  }
  return LiveController;
}
