import { Injectable } from '@nestjs/common';
import { chinaDate, CoverageFiguresV1, CoverageReportedV1, NodeCoverageV1 } from '@liandong/protocol';
import { Clock } from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { ChildCoverage, Term } from '../entities';
import { InspectionHooks } from '../inspections/inspection-hooks';
import { childCoverages, coverageByCategory, currentTerm } from './coverage.repository';
import { emptyFigures, sumFigures, sumOversight } from './figures';

/**
 * Coverage (全覆盖) of this node's registry in its current term, with the subtree's as the
 * children last reported it: what a coverage report carries and the coverage page shows. An
 * organization counts once, when the first inspection of it in the term gave feedback,
 * whichever mode it was.
 */
@Injectable()
export class CoverageSnapshot {
  constructor(
    private readonly hooks: InspectionHooks,
    private readonly clock: Clock,
  ) {}

  /** The term in force today, else the latest that has begun, else none. */
  currentTerm(manager: EntityManager): Promise<Term | null> {
    return currentTerm(manager, chinaDate(this.clock.now()));
  }

  async ownFigures(manager: EntityManager, term: Term | null): Promise<CoverageFiguresV1> {
    const figures = emptyFigures();
    for (const row of await coverageByCategory(manager, term)) {
      figures.organizations += row.organizations;
      figures.covered += row.covered;
      figures.coveredOwn += row.own;
      figures.coveredEscalated += row.escalated;
      figures.coveredCross += row.cross;
      figures.byCategory.push({
        category: row.category,
        organizations: row.organizations,
        covered: row.covered,
      });
    }
    return figures;
  }

  /** What this node would report now (from the children's reports given, or read here). */
  async of(manager: EntityManager, children?: ChildCoverage[]): Promise<CoverageReportedV1> {
    const term = await this.currentTerm(manager);
    const own = await this.ownFigures(manager, term);
    children ??= await childCoverages(manager);
    const ownOversight = sumOversight(
      await Promise.all(this.hooks.oversight.map((source) => source(manager))),
    );
    return {
      asOf: this.clock.now().toISOString(),
      termStartsOn: term?.startsOn ?? null,
      termEndsOn: term?.endsOn ?? null,
      own,
      subtree: sumFigures([own, ...children.map((child) => child.subtree)]),
      ownOversight,
      subtreeOversight: sumOversight([ownOversight, ...children.map((c) => c.subtreeOversight)]),
      children: children.map((child): NodeCoverageV1 => ({
        nodeId: child.nodeId,
        name: child.name,
        figures: child.subtree,
      })),
    };
  }
}
