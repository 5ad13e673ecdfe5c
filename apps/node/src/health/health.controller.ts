import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Public } from '@liandong/access';
import { JetStreamService, OutboxRelayService } from '@liandong/messaging';

/**
 * The broker as this node relies on it: connected, JetStream answering, and the federation's
 * stream, this node's consumer and the key registry present — read live, so a broker that
 * lost its store shows here until the node's periodic check has re-created what it needs.
 */
@Injectable()
export class NatsHealthIndicator {
  constructor(
    private readonly jetstream: JetStreamService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: string) {
    const indicator = this.indicators.check(key);
    if (!this.jetstream.isConnected()) return indicator.down({ message: 'not connected to NATS' });
    try {
      const rttMs = await this.jetstream.nc.rtt();
      await this.jetstream.jsm.getAccountInfo();
      const state = await this.jetstream.inspect();
      const details = {
        rttMs,
        jetstream: true,
        stream: state.stream,
        consumer: state.consumer,
        keyRegistry: state.keyRegistry,
        // The inbox lag: envelopes for this node the broker holds, not yet taken or not yet acknowledged.
        pending: state.pending,
        ackPending: state.ackPending,
      };
      return state.problem
        ? indicator.down({ ...details, message: state.problem })
        : indicator.up(details);
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}

@Injectable()
export class OutboxListenerIndicator {
  constructor(
    private readonly relay: OutboxRelayService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  /** Reported, not a failure: without its NOTIFY listener the relay still runs on its poll. */
  check(key: string) {
    return this.indicators.check(key).up({ listening: this.relay.listening });
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly nats: NatsHealthIndicator,
    private readonly outbox: OutboxListenerIndicator,
  ) {}

  /** 200 when PostgreSQL and the broker-side state this node needs are there; 503 naming what is not. */
  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: '健康检查：数据库、消息代理（流、消费者、密钥库）与收件积压' })
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      () => this.nats.check('nats'),
      () => this.outbox.check('outbox'),
    ]);
  }
}
