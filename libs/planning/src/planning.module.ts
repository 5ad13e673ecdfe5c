import { DynamicModule, Module, OnApplicationShutdown, Provider, Type } from '@nestjs/common';
import { RecordChildCoverage } from './coverage/appliers/record-child-coverage.applier';
import { CoverageController } from './coverage/coverage.controller';
import { CoverageQueries } from './coverage/coverage.queries';
import { CoverageReporter } from './coverage/coverage-reporter';
import { YearFigures } from './coverage/year-figures';
import { CoverageSnapshot } from './coverage/coverage-snapshot';
import { TermsController } from './coverage/terms.controller';
import { SetTerm } from './coverage/use-cases/set-term.usecase';
import { ReceiveCrossAccess } from './cross/appliers/receive-cross-access.applier';
import { ReceiveCrossOrder } from './cross/appliers/receive-cross-order.applier';
import { SettleCrossOrders } from './cross/appliers/settle-cross-orders.applier';
import { CrossController } from './cross/cross.controller';
import { CrossOrderQueries } from './cross/cross-order.queries';
import { OrderCrossInspection } from './cross/use-cases/order-cross-inspection.usecase';
import { PlanRotation } from './cross/use-cases/plan-rotation.usecase';
import { AcceptEscalation } from './inspections/appliers/accept-escalation.applier';
import { ReceiveSupervision } from './inspections/appliers/receive-supervision.applier';
import { RecordFeedback } from './inspections/appliers/record-feedback.applier';
import { SettleEscalations } from './inspections/appliers/settle-escalations.applier';
import { InspectionDirectory } from './inspections/inspection-directory';
import { InspectionFactory } from './inspections/inspection.factory';
import { InspectionHooks } from './inspections/inspection-hooks';
import { InspectionQueries } from './inspections/inspection.queries';
import { InspectionsController } from './inspections/inspections.controller';
import { OwnOrganizationFeedback } from './inspections/own-organization-feedback';
import { TeamRoles } from './inspections/team-roles';
import { FormTeam } from './inspections/use-cases/form-team.usecase';
import { GiveFeedback } from './inspections/use-cases/give-feedback.usecase';
import { HandBackSupervision } from './inspections/use-cases/hand-back-supervision.usecase';
import { ScheduleInspection } from './inspections/use-cases/schedule-inspection.usecase';
import { ReceiveSecondmentDecision } from './personnel/appliers/receive-secondment-decision.applier';
import { ReceiveSecondmentRequest } from './personnel/appliers/receive-secondment-request.applier';
import { PersonnelController } from './personnel/personnel.controller';
import { PersonnelQueries } from './personnel/personnel.queries';
import { SecondmentDecision } from './personnel/secondment-decision';
import { SecondmentsController } from './personnel/secondments.controller';
import { AddPerson } from './personnel/use-cases/add-person.usecase';
import { ApproveSecondment } from './personnel/use-cases/approve-secondment.usecase';
import { DeclineSecondment } from './personnel/use-cases/decline-secondment.usecase';
import { RequestSecondment } from './personnel/use-cases/request-secondment.usecase';
import { PlanningEventsHandler } from './planning-events.handler';
import { DEFAULT_PLANNING_OPTIONS, PLANNING_OPTIONS, PlanningOptions } from './planning.options';
import { DescendantRegistryController } from './registry/descendant-registry.controller';
import { RegistryLiveQueryHandler } from './registry/registry-live-query.handler';
import { RegistryController } from './registry/registry.controller';
import { RegistryQueries } from './registry/registry.queries';
import { RemoteRegistry } from './registry/remote-registry';
import { ImportRegistry } from './registry/use-cases/import-registry.usecase';
import { OpenLinkedRound } from './rounds/appliers/open-linked-round.applier';
import { RecordLinkAcknowledgement } from './rounds/appliers/record-link-acknowledgement.applier';
import { LinkedRounds } from './rounds/linked-rounds';
import { RoundQueries } from './rounds/round.queries';
import { RoundsController } from './rounds/rounds.controller';
import { CreateRound } from './rounds/use-cases/create-round.usecase';

/** In this order the routes appear in the OpenAPI document (and the console's client). */
const CONTROLLERS: Type[] = [
  RegistryController,
  DescendantRegistryController,
  TermsController,
  CoverageController,
  RoundsController,
  InspectionsController,
  CrossController,
  PersonnelController,
  SecondmentsController,
];

/** Each capability's use cases, queries, inbound appliers and helpers. */
const REGISTRY: Provider[] = [
  ImportRegistry,
  RegistryQueries,
  RemoteRegistry,
  RegistryLiveQueryHandler,
];
const COVERAGE: Provider[] = [
  CoverageSnapshot,
  CoverageReporter,
  CoverageQueries,
  SetTerm,
  RecordChildCoverage,
  YearFigures,
];
const ROUNDS: Provider[] = [
  CreateRound,
  LinkedRounds,
  RoundQueries,
  OpenLinkedRound,
  RecordLinkAcknowledgement,
];
const INSPECTIONS: Provider[] = [
  InspectionFactory,
  InspectionQueries,
  InspectionHooks,
  InspectionDirectory,
  TeamRoles,
  OwnOrganizationFeedback,
  ScheduleInspection,
  FormTeam,
  GiveFeedback,
  HandBackSupervision,
  AcceptEscalation,
  RecordFeedback,
  ReceiveSupervision,
  SettleEscalations,
];
const CROSS: Provider[] = [
  OrderCrossInspection,
  PlanRotation,
  CrossOrderQueries,
  ReceiveCrossOrder,
  ReceiveCrossAccess,
  SettleCrossOrders,
];
const PERSONNEL: Provider[] = [
  AddPerson,
  RequestSecondment,
  SecondmentDecision,
  ApproveSecondment,
  DeclineSecondment,
  PersonnelQueries,
  ReceiveSecondmentRequest,
  ReceiveSecondmentDecision,
];

/**
 * Inspection planning: the organization registry (对象库), terms and coverage (全覆盖),
 * rounds and linked rounds, escalated and cross inspection, the personnel pool and teams.
 * Not global: a module that builds on planning imports the one `forRoot` result the app
 * made (see RectificationModule.forRoot).
 */
@Module({})
export class PlanningModule implements OnApplicationShutdown {
  constructor(private readonly imports: ImportRegistry) {}

  static forRoot(options: Partial<PlanningOptions> = {}): DynamicModule {
    return {
      module: PlanningModule,
      exports: [
        InspectionHooks,
        InspectionDirectory,
        CoverageReporter,
        TeamRoles,
        InspectionQueries,
        CoverageQueries,
        YearFigures,
      ],
      controllers: CONTROLLERS,
      providers: [
        { provide: PLANNING_OPTIONS, useValue: { ...DEFAULT_PLANNING_OPTIONS, ...options } },
        ...REGISTRY,
        ...COVERAGE,
        ...ROUNDS,
        ...INSPECTIONS,
        ...CROSS,
        ...PERSONNEL,
        PlanningEventsHandler,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.imports.drain();
  }
}
