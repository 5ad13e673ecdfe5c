import { DynamicModule, Module, Provider } from '@nestjs/common';
import { DirectivesModule } from '@liandong/directives';
import { EvidenceController } from './findings/evidence.controller';
import { FindingQueries } from './findings/finding.queries';
import { FindingReviewController } from './findings/finding-review.controller';
import { FindingsController } from './findings/findings.controller';
import { AddEvidence } from './findings/use-cases/add-evidence.usecase';
import { AdvanceFinding } from './findings/use-cases/advance-finding';
import { CheckFinding } from './findings/use-cases/check-finding.usecase';
import { DraftFinding } from './findings/use-cases/draft-finding.usecase';
import { ReadEvidence } from './findings/use-cases/read-evidence.usecase';
import { ReturnFinding } from './findings/use-cases/return-finding.usecase';
import { ReviseFinding } from './findings/use-cases/revise-finding.usecase';
import { SignFinding } from './findings/use-cases/sign-finding.usecase';
import { WithdrawFinding } from './findings/use-cases/withdraw-finding.usecase';
import { OversightFigures } from './oversight-figures';
import { RecordChildProblems } from './problems/appliers/record-child-problems.applier';
import { CommonProblemsController } from './problems/common-problems.controller';
import { CommonProblemsQueries } from './problems/common-problems.queries';
import { ProblemsEventsHandler } from './problems/problems-events.handler';
import { ProblemsReporter } from './problems/problems-reporter';
import { OversightAreas } from './oversight-areas';
import { StatisticsFigures } from './statistics-figures';
import { ReceiveSpecialReport } from './special-reports/receive-special-report.applier';
import { SpecialReportEventsHandler } from './special-reports/special-report-events.handler';
import { SpecialReportQueries } from './special-reports/special-report.queries';
import { SpecialReportsController } from './special-reports/special-reports.controller';
import { WriteSpecialReport } from './special-reports/use-cases/write-special-report.usecase';
import {
  DEFAULT_RECTIFICATION_OPTIONS,
  RECTIFICATION_OPTIONS,
  RectificationOptions,
} from './rectification.options';
import { AlertSweeper } from './rectification/alert-sweeper';
import { RectificationOpening } from './rectification/rectification-opening.hook';
import { RectificationController } from './rectification/rectification.controller';
import { RectificationQueries } from './rectification/rectification.queries';
import { RectificationWork } from './rectification/rectification.work';
import { SupervisionController } from './rectification/supervision.controller';
import { AddProof } from './rectification/use-cases/add-proof.usecase';
import { AssignItem } from './rectification/use-cases/assign-item.usecase';
import { CloseItem } from './rectification/use-cases/close-item.usecase';
import { DiscloseRectification } from './rectification/use-cases/disclose-rectification.usecase';
import { MarkUrgingDone } from './rectification/use-cases/mark-urging-done.usecase';
import { ReadProof } from './rectification/use-cases/read-proof.usecase';
import { RecordSupervisionNote } from './rectification/use-cases/record-supervision-note.usecase';
import { ScheduleFollowUp } from './rectification/use-cases/schedule-follow-up.usecase';
import { SignProgressReport } from './rectification/use-cases/sign-progress-report.usecase';
import { SubmitProgressReport } from './rectification/use-cases/submit-progress-report.usecase';
import { CadreJurisdiction } from './referrals/cadre-jurisdiction';
import { ReferralEventsHandler } from './referrals/referral-events.handler';
import { ReferralQueries } from './referrals/referral.queries';
import { ReferralsController } from './referrals/referrals.controller';
import { AcknowledgeReferral } from './referrals/use-cases/acknowledge-referral.usecase';
import { DisposeReferral } from './referrals/use-cases/dispose-referral.usecase';
import { MakeReferral } from './referrals/use-cases/make-referral.usecase';
import { ReadReferralContent } from './referrals/use-cases/read-referral-content.usecase';
import { TellSender } from './referrals/use-cases/tell-sender';
import { FeedbackGate } from './reports/feedback-gate';
import { ReportQueries } from './reports/report.queries';
import { ReportsController } from './reports/reports.controller';
import { DecideReport } from './reports/use-cases/decide-report.usecase';
import { FinalizeReport } from './reports/use-cases/finalize-report.usecase';
import { TeamAccess } from './team-access';

const FINDINGS: Provider[] = [
  DraftFinding,
  ReviseFinding,
  AddEvidence,
  ReadEvidence,
  AdvanceFinding,
  CheckFinding,
  SignFinding,
  ReturnFinding,
  WithdrawFinding,
  FindingQueries,
];

const PROBLEMS: Provider[] = [
  ProblemsReporter,
  RecordChildProblems,
  ProblemsEventsHandler,
  CommonProblemsQueries,
];

const REPORTS: Provider[] = [FeedbackGate, FinalizeReport, DecideReport, ReportQueries];

const REFERRALS: Provider[] = [
  CadreJurisdiction,
  MakeReferral,
  TellSender,
  AcknowledgeReferral,
  DisposeReferral,
  ReadReferralContent,
  ReferralEventsHandler,
  ReferralQueries,
];

const RECTIFICATION: Provider[] = [
  RectificationOpening,
  AssignItem,
  AddProof,
  ReadProof,
  CloseItem,
  SubmitProgressReport,
  SignProgressReport,
  DiscloseRectification,
  ScheduleFollowUp,
  RecordSupervisionNote,
  MarkUrgingDone,
  AlertSweeper,
  RectificationQueries,
  RectificationWork,
];

/**
 * From finding to rectification: evidence dossiers, reports and feedback, referrals across
 * tiers, rectification under versioned deadlines. Builds on planning (inspections, teams)
 * and directives (the policy book).
 */
@Module({})
export class RectificationModule {
  /** `planning` is the app's own PlanningModule.forRoot(...) result, imported once. */
  static forRoot(
    planning: DynamicModule,
    options: Partial<RectificationOptions> = {},
  ): DynamicModule {
    return {
      module: RectificationModule,
      imports: [DirectivesModule, planning],
      // In this order, the routes keep their order in the OpenAPI document.
      controllers: [
        SpecialReportsController,
        FindingsController,
        EvidenceController,
        FindingReviewController,
        ReportsController,
        ReferralsController,
        RectificationController,
        SupervisionController,
        CommonProblemsController,
      ],
      // Planning runs the feedback hooks in the order they register, which is this order:
      // the FeedbackGate (REPORTS) checks and hands on the problems before RectificationOpening
      // (RECTIFICATION) opens the rectification.
      providers: [
        {
          provide: RECTIFICATION_OPTIONS,
          useValue: { ...DEFAULT_RECTIFICATION_OPTIONS, ...options },
        },
        TeamAccess,
        ...FINDINGS,
        ...PROBLEMS,
        ...REPORTS,
        ...REFERRALS,
        ...RECTIFICATION,
        OversightFigures,
        WriteSpecialReport,
        ReceiveSpecialReport,
        SpecialReportEventsHandler,
        SpecialReportQueries,
        OversightAreas,
        StatisticsFigures,
      ],
      exports: [RectificationWork],
    };
  }
}
