import { DynamicModule, Module, OnApplicationShutdown } from '@nestjs/common';
import { RecordChildCoverage } from './coverage/appliers/record-child-coverage.applier';
import { CoverageController } from './coverage/coverage.controller';
import { CoverageQueries } from './coverage/coverage.queries';
import { CoverageSnapshot } from './coverage/coverage-snapshot';
import { TermsController } from './coverage/terms.controller';
import { SetTerm } from './coverage/use-cases/set-term.usecase';
import { CoverageReporter } from './coverage/coverage-reporter';
import { CrossService } from './cross/cross.service';
import { InspectionDirectory } from './inspections/inspection-directory';
import { InspectionHooks } from './inspections/inspection-hooks';
import { InspectionsService } from './inspections/inspections.service';
import { OpenLinkedRound } from './rounds/appliers/open-linked-round.applier';
import { RecordLinkAcknowledgement } from './rounds/appliers/record-link-acknowledgement.applier';
import { LinkedRounds } from './rounds/linked-rounds';
import { RoundQueries } from './rounds/round.queries';
import { RoundsController } from './rounds/rounds.controller';
import { CreateRound } from './rounds/use-cases/create-round.usecase';
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
import { TeamRoles } from './inspections/team-roles';
import { CrossController, InspectionsController } from './planning.controllers';
import { PlanningEventsHandler } from './planning-events.handler';
import { DEFAULT_PLANNING_OPTIONS, PLANNING_OPTIONS, PlanningOptions } from './planning.options';
import { RegistryController } from './registry/registry.controller';
import { DescendantRegistryController } from './registry/descendant-registry.controller';
import { RegistryLiveQueryHandler } from './registry/registry-live-query.handler';
import { RegistryQueries } from './registry/registry.queries';
import { RemoteRegistry } from './registry/remote-registry';
import { ImportRegistry } from './registry/use-cases/import-registry.usecase';

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
      exports: [InspectionHooks, InspectionDirectory, CoverageReporter, TeamRoles],
      controllers: [
        RegistryController,
        DescendantRegistryController,
        TermsController,
        CoverageController,
        RoundsController,
        InspectionsController,
        CrossController,
        PersonnelController,
        SecondmentsController,
      ],
      providers: [
        { provide: PLANNING_OPTIONS, useValue: { ...DEFAULT_PLANNING_OPTIONS, ...options } },
        ImportRegistry,
        RegistryLiveQueryHandler,
        RegistryQueries,
        RemoteRegistry,
        CoverageSnapshot,
        CoverageReporter,
        CoverageQueries,
        SetTerm,
        RecordChildCoverage,
        CreateRound,
        LinkedRounds,
        RoundQueries,
        OpenLinkedRound,
        RecordLinkAcknowledgement,
        InspectionsService,
        CrossService,
        AddPerson,
        RequestSecondment,
        SecondmentDecision,
        ApproveSecondment,
        DeclineSecondment,
        PersonnelQueries,
        ReceiveSecondmentRequest,
        ReceiveSecondmentDecision,
        PlanningEventsHandler,
        InspectionHooks,
        InspectionDirectory,
        TeamRoles,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.imports.drain();
  }
}
