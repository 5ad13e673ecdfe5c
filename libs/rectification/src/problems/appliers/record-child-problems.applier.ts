import { Injectable } from '@nestjs/common';
import { AuditService } from '@liandong/messaging';
import { ProblemsReportedV1 } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { ChildProblems } from '../../entities';
import { sumProblemCounts } from '../problem-counts';
import { ProblemsReporter } from '../problems-reporter';

/** A child's counts by problem category replace its previous report; this node reports in turn. */
@Injectable()
export class RecordChildProblems {
  constructor(
    private readonly reporter: ProblemsReporter,
    private readonly audit: AuditService,
  ) {}

  async apply(manager: EntityManager, from: string, payload: ProblemsReportedV1): Promise<void> {
    await manager.upsert(
      ChildProblems,
      {
        nodeId: from,
        catalogueVersion: payload.catalogueVersion,
        subtree: sumProblemCounts([payload.subtree]),
        asOf: new Date(payload.asOf),
      },
      ['nodeId'],
    );
    await this.reporter.report(manager);
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'problems.counts_received',
      subjectType: 'node',
      subjectId: from,
    });
  }
}
