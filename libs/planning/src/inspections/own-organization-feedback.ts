import { Injectable } from '@nestjs/common';
import type { FeedbackProblemV1 } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { CoverageReporter } from '../coverage/coverage-reporter';
import { creditCoverage } from '../coverage/coverage.repository';
import { Inspection } from '../entities';
import { InspectionHooks } from './inspection-hooks';

/**
 * Feedback reached one of this node's organizations (given here, or received from the
 * conducting node): the coverage credit, what the hooks do with it (rectification), then
 * one coverage report with all of it.
 */
@Injectable()
export class OwnOrganizationFeedback {
  constructor(
    private readonly hooks: InspectionHooks,
    private readonly coverage: CoverageReporter,
  ) {}

  async record(
    manager: EntityManager,
    inspection: Inspection,
    problems: FeedbackProblemV1[],
  ): Promise<void> {
    await creditCoverage(manager, inspection);
    for (const hook of this.hooks.feedback) await hook.given?.(manager, inspection, problems);
    await this.coverage.report(manager);
  }
}
