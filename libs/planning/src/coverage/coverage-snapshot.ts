import { Injectable } from '@nestjs/common';
import {
  chinaDate,
  CoverageFiguresV1,
  CoverageReportedV1,
  isCentralUnitId,
  NodeCoverageV1,
  OversightFiguresV1,
} from '@liandong/protocol';
import { Clock } from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { ChildCoverage, Term } from '../entities';
import { InspectionHooks } from '../inspections/inspection-hooks';
import { childCoverages, coverageByCategory, currentTerm } from './coverage.repository';
import { emptyFigures, sumFigures, sumOversight } from './figures';

/** Central units' figures, summed apart from the territory's; central alone has them. */
export interface CentralUnitFigures {
  units: number;
  figures: CoverageFiguresV1;
  oversight: OversightFiguresV1;
}

/** A coverage report as it would be sent, and central units' branch, which is never sent up. */
export interface CoverageBranches {
  report: CoverageReportedV1;
  centralUnits: CentralUnitFigures | null;
}

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
    return (await this.withBranches(manager, children)).report;
  }

  /**
   * The report, and central units' figures apart: the subtree's figures are the territory's;
   * central units' (中央单位, ids 91xxxx–93xxxx) are summed on their own and not in `subtree`.
   */
  async withBranches(manager: EntityManager, children?: ChildCoverage[]): Promise<CoverageBranches> {
    const term = await this.currentTerm(manager);
    const own = await this.ownFigures(manager, term);
    children ??= await childCoverages(manager);
    const territorial = children.filter((child) => !isCentralUnitId(child.nodeId));
    const units = children.filter((child) => isCentralUnitId(child.nodeId));
    const ownOversight = sumOversight(
      await Promise.all(this.hooks.oversight.map((source) => source(manager))),
    );
    const report: CoverageReportedV1 = {
      asOf: this.clock.now().toISOString(),
      termStartsOn: term?.startsOn ?? null,
      termEndsOn: term?.endsOn ?? null,
      own,
      subtree: sumFigures([own, ...territorial.map((child) => child.subtree)]),
      ownOversight,
      subtreeOversight: sumOversight([ownOversight, ...territorial.map((c) => c.subtreeOversight)]),
      children: children.map((child): NodeCoverageV1 => ({
        nodeId: child.nodeId,
        name: child.name,
        figures: child.subtree,
      })),
    };
    const centralUnits = units.length
      ? {
          units: units.length,
          figures: sumFigures(units.map((unit) => unit.subtree)),
          oversight: sumOversight(units.map((unit) => unit.subtreeOversight)),
        }
      : null;
    return { report, centralUnits };
  }
}
