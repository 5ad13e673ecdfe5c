import { DynamicModule, Module } from '@nestjs/common';
import { EvaluationEventsHandler } from './evaluation-events.handler';
import { ReceiveAggregate } from './received/appliers/receive-aggregate.applier';
import { RecordEvaluation } from './received/record-evaluation';
import { TeamEvaluationQueries } from './received/team-evaluation.queries';
import { TeamEvaluationsController } from './received/team-evaluations.controller';
import { CodeThrottle } from './rounds/code-throttle';
import { EvaluationAnswersController } from './rounds/evaluation-answers.controller';
import { EvaluationQueries } from './rounds/evaluation.queries';
import { EvaluationRoundsController } from './rounds/evaluation-rounds.controller';
import { CloseEvaluationRound } from './rounds/use-cases/close-evaluation-round.usecase';
import { OpenEvaluationRound } from './rounds/use-cases/open-evaluation-round.usecase';
import { SubmitEvaluationAnswer } from './rounds/use-cases/submit-evaluation-answer.usecase';

/**
 * 后评估: after feedback, the inspected organization's node asks its cadres, anonymously, about
 * the team's discipline and conduct (central's questionnaire), counts the answers when the
 * round is closed and sends only the aggregate — at least MIN_ANSWERS answers — to the node
 * that conducted the inspection, which keeps it in its teams' records. Builds on planning only.
 */
@Module({})
export class EvaluationModule {
  /** `planning` is the app's own PlanningModule.forRoot(...) result, imported once. */
  static forRoot(planning: DynamicModule): DynamicModule {
    return {
      module: EvaluationModule,
      imports: [planning],
      controllers: [
        EvaluationRoundsController,
        EvaluationAnswersController,
        TeamEvaluationsController,
      ],
      providers: [
        CodeThrottle,
        EvaluationQueries,
        OpenEvaluationRound,
        SubmitEvaluationAnswer,
        CloseEvaluationRound,
        RecordEvaluation,
        ReceiveAggregate,
        TeamEvaluationQueries,
        EvaluationEventsHandler,
      ],
    };
  }
}
