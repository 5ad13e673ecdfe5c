import { Inject, Injectable } from '@nestjs/common';
import { CoverageReportedV1, nodeAudience } from '@liandong/protocol';
import { MESSAGING_OPTIONS, MessagingOptions, OutboxService } from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { CoverageSnapshot } from './coverage-snapshot';

/**
 * Reports this node's coverage to its parent, in the caller's transaction: every transaction
 * that changes the registry, a term, a credit or a child's report calls it. The libraries
 * built on planning call it too: their figures (rectification, referrals) travel in the
 * coverage report, so a change to them reports coverage again, in the same transaction.
 */
@Injectable()
export class CoverageReporter {
  constructor(
    private readonly outbox: OutboxService,
    private readonly snapshot: CoverageSnapshot,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async report(manager: EntityManager): Promise<void> {
    const parent = this.options.identity.parentId;
    if (!parent) return;
    await this.outbox.emitComputed(
      manager,
      { type: CoverageReportedV1.type, audience: nodeAudience(parent) },
      () => this.snapshot.of(manager),
    );
  }
}
