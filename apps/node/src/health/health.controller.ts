import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Public } from '@liandong/access';
import { JetStreamService } from '@liandong/messaging';

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
      return indicator.up({ rttMs, jetstream: true });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly nats: NatsHealthIndicator,
  ) {}

  /** 200 when this node's PostgreSQL and NATS JetStream both answer; 503 naming the one that does not. */
  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      () => this.nats.check('nats'),
    ]);
  }
}
