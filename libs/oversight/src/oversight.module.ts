import { DynamicModule, Module } from '@nestjs/common';
import { DirectivesModule } from '@liandong/directives';
import { AreaAnswerer } from './engagements/area-answer';
import { ReceiveAttendance } from './engagements/appliers/receive-attendance.applier';
import { ReceiveClosing } from './engagements/appliers/receive-closing.applier';
import { ReceiveEngagement } from './engagements/appliers/receive-engagement.applier';
import { RecordAcknowledgement } from './engagements/appliers/record-acknowledgement.applier';
import { EngagementQueries } from './engagements/engagement.queries';
import { EngagementRecordsController } from './engagements/engagement-records.controller';
import { EngagementsController } from './engagements/engagements.controller';
import { OverseenEngagementsController } from './engagements/overseen-engagements.controller';
import { AcknowledgeEngagement } from './engagements/use-cases/acknowledge-engagement.usecase';
import { CloseEngagement } from './engagements/use-cases/close-engagement.usecase';
import { GrantAccess } from './engagements/use-cases/grant-access.usecase';
import { OpenEngagement } from './engagements/use-cases/open-engagement.usecase';
import { ReadOverseenArea } from './engagements/use-cases/read-overseen-area.usecase';
import { RecordAttendance } from './engagements/use-cases/record-attendance.usecase';
import { RecordObservation } from './engagements/use-cases/record-observation.usecase';
import { AddObservationEvidence } from './engagements/use-cases/add-observation-evidence.usecase';
import { ReadObservationEvidence } from './engagements/use-cases/read-observation-evidence.usecase';
import { RecordChildOversight } from './figures/appliers/record-child-oversight.applier';
import { OversightFiguresController } from './figures/figures.controller';
import { OversightFiguresQueries } from './figures/figures.queries';
import { OversightReporter } from './figures/oversight-reporter';
import { OversightEventsHandler } from './oversight-events.handler';
import { OversightWork } from './oversight.work';
import { ReceiveAnswer } from './recommendations/appliers/receive-answer.applier';
import { RecommendationsController } from './recommendations/recommendations.controller';
import { AnswerRecommendation } from './recommendations/use-cases/answer-recommendation.usecase';
import { OverdueSweeper } from './recommendations/overdue-sweeper';
import {
  DEFAULT_OVERSIGHT_OPTIONS,
  OVERSIGHT_OPTIONS,
  OversightOptions,
} from './oversight.options';

/**
 * 指导督导: an ancestor's engagements over a descendant's inspection work — acknowledged,
 * read under a scoped and time-limited grant, observed item by item, closed with
 * recommendations the descendant answers by a deadline from versioned policy; figures up
 * the tree. Builds on planning (what a grant lets read) and directives (the policy book).
 */
@Module({})
export class OversightModule {
  /** `planning` is the app's own PlanningModule.forRoot(...) result, imported once. */
  static forRoot(planning: DynamicModule, options: Partial<OversightOptions> = {}): DynamicModule {
    return {
      module: OversightModule,
      imports: [DirectivesModule, planning],
      // In this order, the routes keep their order in the OpenAPI document.
      controllers: [
        EngagementsController,
        OverseenEngagementsController,
        EngagementRecordsController,
        RecommendationsController,
        OversightFiguresController,
      ],
      providers: [
        { provide: OVERSIGHT_OPTIONS, useValue: { ...DEFAULT_OVERSIGHT_OPTIONS, ...options } },
        OversightReporter,
        OverdueSweeper,
        OversightFiguresQueries,
        EngagementQueries,
        OpenEngagement,
        AcknowledgeEngagement,
        GrantAccess,
        RecordObservation,
        AddObservationEvidence,
        ReadObservationEvidence,
        RecordAttendance,
        CloseEngagement,
        ReadOverseenArea,
        AreaAnswerer,
        AnswerRecommendation,
        ReceiveEngagement,
        RecordAcknowledgement,
        ReceiveClosing,
        ReceiveAttendance,
        ReceiveAnswer,
        RecordChildOversight,
        OversightEventsHandler,
        OversightWork,
      ],
      exports: [OversightWork],
    };
  }
}
