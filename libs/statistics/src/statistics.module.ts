import { DynamicModule, Module } from '@nestjs/common';
import { ReceiveDecision } from './reports/appliers/receive-decision.applier';
import { ReceiveSubmission } from './reports/appliers/receive-submission.applier';
import { ChildStatisticsController } from './reports/child-statistics.controller';
import { StatisticsCalculator } from './reports/statistics-calculator';
import { StatisticsController } from './reports/statistics.controller';
import { StatisticsQueries } from './reports/statistics.queries';
import { AcceptChildStatistics } from './reports/use-cases/accept-child-statistics.usecase';
import { DecideChildStatistics } from './reports/use-cases/decide-child';
import { ReturnChildStatistics } from './reports/use-cases/return-child-statistics.usecase';
import { SubmitStatistics } from './reports/use-cases/submit-statistics.usecase';
import { StatisticsEventsHandler } from './statistics-events.handler';

/**
 * 年度统计: each node's figures for a year computed from its records (planning's YearFigures,
 * with what rectification adds through InspectionHooks), submitted to the parent as frozen
 * versions, accepted (locked) or returned there; a node's subtree totals take each child's
 * latest accepted report. Builds on planning only.
 */
@Module({})
export class StatisticsModule {
  /** `planning` is the app's own PlanningModule.forRoot(...) result, imported once. */
  static forRoot(planning: DynamicModule): DynamicModule {
    return {
      module: StatisticsModule,
      imports: [planning],
      // In this order, the routes keep their order in the OpenAPI document.
      controllers: [StatisticsController, ChildStatisticsController],
      providers: [
        StatisticsCalculator,
        StatisticsQueries,
        SubmitStatistics,
        DecideChildStatistics,
        AcceptChildStatistics,
        ReturnChildStatistics,
        ReceiveSubmission,
        ReceiveDecision,
        StatisticsEventsHandler,
      ],
    };
  }
}
