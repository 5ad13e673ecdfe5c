import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { AuditService, Clock, Periodic } from '@liandong/messaging';
import { chinaDate } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { OversightReporter } from '../figures/oversight-reporter';
import { OVERSIGHT_OPTIONS, OversightOptions } from '../oversight.options';
import { markOverdue } from './recommendation.repository';

/**
 * Recommendations unanswered after their answer-by day are overdue: views say so from the
 * clock at once; this sweep records when each first was (audited once, at either end) and,
 * at the overseeing end, reports the figures up so the parent's overdue count follows.
 * `sweep()` reads the injected Clock, so a test moves the clock and calls it.
 */
@Injectable()
export class OverdueSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly periodic = new Periodic('overdue sweep', new Logger(OverdueSweeper.name), () =>
    this.sweep(),
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly reporter: OversightReporter,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(OVERSIGHT_OPTIONS) private readonly options: OversightOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.periodic.start(this.options.sweepMs);
  }

  onApplicationShutdown(): Promise<void> {
    return this.periodic.stop();
  }

  /** Marks the recommendations newly overdue; how many. */
  async sweep(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const marked = await markOverdue(manager, chinaDate(now), now);
      if (marked.length === 0) return 0;
      if (marked.some((m) => m.role === 'overseeing')) await this.reporter.report(manager);
      for (const m of marked)
        await this.audit.record(manager, {
          actor: 'system',
          action: 'oversight.recommendation_overdue',
          subjectType: 'oversight_recommendation',
          subjectId: m.id,
        });
      return marked.length;
    });
  }
}
