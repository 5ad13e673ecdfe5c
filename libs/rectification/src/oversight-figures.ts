import { Injectable, OnModuleInit } from '@nestjs/common';
import { InspectionHooks } from '@liandong/planning';
import { RectificationQueries } from './rectification/rectification.queries';
import { ReferralQueries } from './referrals/referral.queries';

/**
 * What this library adds to the coverage report planning sends up: the referrals this node
 * sent (open, overdue, disposed) and its rectifications (overdue, items closed).
 */
@Injectable()
export class OversightFigures implements OnModuleInit {
  constructor(
    private readonly hooks: InspectionHooks,
    private readonly referrals: ReferralQueries,
    private readonly rectifications: RectificationQueries,
  ) {}

  onModuleInit(): void {
    this.hooks.addOversight((manager) => this.referrals.figures(manager));
    this.hooks.addOversight((manager) => this.rectifications.figures(manager));
  }
}
