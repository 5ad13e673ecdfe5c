import { Controller, Inject, Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { MESSAGING_OPTIONS, MessagingOptions } from '@liandong/messaging';
import { DataSource } from 'typeorm';

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
      private readonly dataSource: DataSource,
      @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    ) {}

    @MessagePattern(subject)
    async status(): Promise<LiveStatus> {
      const rows: Array<{ status: string; count: string }> = await this.dataSource.query(
        `SELECT status, count(*) AS count FROM outbox GROUP BY status`,
      );
      const [{ count }] = await this.dataSource.query(`SELECT count(*) AS count FROM dead_letter`);
      const { identity } = this.options;
      return {
        nodeId: identity.nodeId,
        name: identity.name,
        tier: identity.tier,
        outbox: Object.fromEntries(rows.map((r) => [r.status, Number(r.count)])),
        deadLetters: Number(count),
        at: new Date().toISOString(),
      };
    }
  }
  return LiveController;
}
