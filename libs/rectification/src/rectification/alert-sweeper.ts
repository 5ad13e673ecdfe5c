import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { AuditService, Clock, Periodic } from '@liandong/messaging';
import { CoverageReporter } from '@liandong/planning';
import { chinaDate } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { RectificationAlert } from '../entities';
import { RECTIFICATION_OPTIONS, RectificationOptions } from '../rectification.options';
import { ALERT_NOTIFY, alertLevels } from './deadline';
import { awaitingProgress, insertNewAlerts } from './rectification.repository';

/**
 * The deadline alerts of progress reports not yet submitted: at 20 days left (to the
 * responsible person), 10 days (the unit head) and overdue (the inspection office), each
 * raised once. Sweeps every `alertSweepMs` from bootstrap to shutdown, one sweep at a time;
 * `sweep()` reads the injected Clock, so a test moves the clock and calls it.
 */
@Injectable()
export class AlertSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly periodic = new Periodic('alert sweep', new Logger(AlertSweeper.name), () =>
    this.sweep(),
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly coverage: CoverageReporter,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(RECTIFICATION_OPTIONS) private readonly options: RectificationOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.periodic.start(this.options.alertSweepMs);
  }

  onApplicationShutdown(): Promise<void> {
    return this.periodic.stop();
  }

  /** Raises each alert level reached, once; how many were raised now. */
  async sweep(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const today = chinaDate(this.clock.now());
      const raised: RectificationAlert[] = [];
      for (const r of await awaitingProgress(manager))
        for (const level of alertLevels(r.dueOn, today))
          raised.push(
            manager.create(RectificationAlert, {
              rectificationId: r.id,
              level,
              notify: ALERT_NOTIFY[level],
              raisedAt: this.clock.now(),
            }),
          );
      if (raised.length === 0) return 0;
      const inserted = await insertNewAlerts(manager, raised);
      if (inserted.length === 0) return 0;
      // An overdue rectification counts in the coverage report's figures.
      if (inserted.some((row) => row.level === 'overdue')) await this.coverage.report(manager);
      await this.audit.recordMany(
        manager,
        inserted.map((row) => ({
          actor: 'system:deadlines',
          action: 'rectification.alert',
          subjectType: 'rectification',
          subjectId: row.rectification_id,
          detail: {
            level: row.level,
            notify: ALERT_NOTIFY[row.level as keyof typeof ALERT_NOTIFY],
          },
        })),
      );
      return inserted.length;
    });
  }
}
