import { DynamicModule, Module } from '@nestjs/common';
import { DirectivesModule } from '@liandong/directives';
import { FindingsService } from './findings/findings.service';
import {
  FindingsController,
  RectificationController,
  ReferralsController,
} from './rectification.controllers';
import {
  DEFAULT_RECTIFICATION_OPTIONS,
  RECTIFICATION_OPTIONS,
  RectificationOptions,
} from './rectification.options';
import { RectificationWork } from './rectification/rectification.work';
import { RectificationService } from './rectification/rectification.service';
import { ReferralsService } from './referrals/referrals.service';
import { ReportsService } from './reports/reports.service';
import { TeamAccess } from './team-access';

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
      controllers: [FindingsController, ReferralsController, RectificationController],
      providers: [
        {
          provide: RECTIFICATION_OPTIONS,
          useValue: { ...DEFAULT_RECTIFICATION_OPTIONS, ...options },
        },
        TeamAccess,
        FindingsService,
        ReportsService,
        ReferralsService,
        RectificationService,
        RectificationWork,
      ],
      exports: [RectificationWork],
    };
  }
}
