import { Inject, Injectable } from '@nestjs/common';
import { Clock, MESSAGING_OPTIONS, MessagingOptions, OutboxService } from '@liandong/messaging';
import {
  nodeAudience,
  PROBLEM_CATEGORY_CATALOGUE_VERSION,
  ProblemCategoryCountsV1,
  ProblemsReportedV1,
} from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { ChildProblems } from '../entities';
import { sumProblemCounts } from './problem-counts';

/**
 * 举一反三: this node's signed findings counted by problem category, and its subtree's, sent to
 * the parent in the caller's transaction whenever they change (a finding signed, returned from
 * signed or withdrawn from signed; a child's report), computed after the parent's sequence is
 * reserved (as coverage and oversight figures are). Counts only: no finding, organization or
 * person ever leaves the node.
 */
@Injectable()
export class ProblemsReporter {
  constructor(
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async report(manager: EntityManager): Promise<void> {
    const parent = this.options.identity.parentId;
    if (!parent) return;
    await this.outbox.emitComputed(
      manager,
      { type: ProblemsReportedV1.type, audience: nodeAudience(parent) },
      () => this.snapshot(manager),
    );
  }

  /**
   * Signed findings by category (none counts as `other`), with the distinct organizations
   * inspected that have one; `nodes` is 1 for each category this node has.
   */
  async own(manager: EntityManager): Promise<ProblemCategoryCountsV1[]> {
    const rows: ProblemCategoryCountsV1[] = await manager.query(
      `SELECT coalesce(f.category, 'other') AS category,
         count(*)::int AS findings,
         count(DISTINCT (i.owner_node, i.organization_code))::int AS organizations,
         1 AS nodes
       FROM finding f JOIN inspection i ON i.id = f.inspection_id
       WHERE f.status = 'signed'
       GROUP BY 1`,
    );
    return sumProblemCounts([rows]);
  }

  async snapshot(manager: EntityManager): Promise<ProblemsReportedV1> {
    const own = await this.own(manager);
    const children = await manager.find(ChildProblems, { order: { nodeId: 'ASC' } });
    return {
      asOf: this.clock.now().toISOString(),
      catalogueVersion: PROBLEM_CATEGORY_CATALOGUE_VERSION,
      own,
      subtree: sumProblemCounts([own, ...children.map((c) => c.subtree)]),
      children: children.map((c) => ({ nodeId: c.nodeId, subtree: sumProblemCounts([c.subtree]) })),
    };
  }
}
