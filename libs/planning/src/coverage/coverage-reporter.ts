import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CoverageService } from './coverage.service';

/**
 * For the libraries built on planning: their figures (rectification, referrals) travel in
 * the coverage report, so a change to them reports coverage again, in the same transaction.
 */
@Injectable()
export class CoverageReporter {
  constructor(private readonly coverage: CoverageService) {}

  report(manager: EntityManager): Promise<void> {
    return this.coverage.report(manager);
  }
}
