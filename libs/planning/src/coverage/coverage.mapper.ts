import { chinaDate, CoverageFiguresV1, isCentralUnitId, OversightFiguresV1 } from '@liandong/protocol';
import { CATEGORIES, Category } from '../categories';
import { ChildCoverage, Term } from '../entities';
import { MODE_LABELS } from '../labels';
import {
  CategoryFiguresView,
  ChildCoverageView,
  CoverageOrganizationView,
  CoverageView,
  FiguresView,
  ForecastView,
  OversightView,
  TermView,
} from './coverage.dto';
import type { OrganizationCoverageRow } from './coverage.repository';
import type { CoverageBranches } from './coverage-snapshot';
import { coverageRate, emptyOversight, Forecast, forecast } from './figures';

export function mapTerm(t: Term): TermView {
  return {
    id: t.id,
    name: t.name,
    startsOn: t.startsOn,
    endsOn: t.endsOn,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
  };
}

export function mapOversight(o: OversightFiguresV1): OversightView {
  return {
    rectifications: o.rectifications,
    rectificationsOverdue: o.rectificationsOverdue,
    items: o.items,
    itemsClosed: o.itemsClosed,
    referralsSent: o.referralsSent,
    referralsOpen: o.referralsOpen,
    referralsOverdue: o.referralsOverdue,
    referralsDisposed: o.referralsDisposed,
  };
}

export function mapFigures(f: CoverageFiguresV1): FiguresView {
  return {
    organizations: f.organizations,
    covered: f.covered,
    coveredOwn: f.coveredOwn,
    coveredEscalated: f.coveredEscalated,
    coveredCross: f.coveredCross,
    byCategory: f.byCategory.map((c): CategoryFiguresView => ({
      category: c.category,
      organizations: c.organizations,
      covered: c.covered,
      label: CATEGORIES[c.category as Category] ?? c.category,
      remaining: c.organizations - c.covered,
    })),
    remaining: f.organizations - f.covered,
    rate: coverageRate(f),
  };
}

function mapForecast(f: Forecast): ForecastView {
  return {
    status: f.status,
    label: f.label,
    pacePerYear: f.pacePerYear,
    projectedAtTermEnd: f.projectedAtTermEnd,
    neededPerYear: f.neededPerYear,
  };
}

export function mapChildCoverage(child: ChildCoverage): ChildCoverageView {
  return {
    nodeId: child.nodeId,
    name: child.name,
    branch: isCentralUnitId(child.nodeId) ? 'central_unit' : 'territorial',
    asOf: child.asOf.toISOString(),
    term: child.termStartsOn ? { startsOn: child.termStartsOn, endsOn: child.termEndsOn } : null,
    own: mapFigures(child.own),
    subtree: mapFigures(child.subtree),
    ownOversight: child.ownOversight ? mapOversight(child.ownOversight) : null,
    subtreeOversight: child.subtreeOversight ? mapOversight(child.subtreeOversight) : null,
    children: child.children.map((c) => ({
      nodeId: c.nodeId,
      name: c.name,
      subtree: mapFigures(c.figures),
    })),
  };
}

/** Own coverage with its forecast as of `today`, the subtree's, and each child's as it last reported. */
export function mapCoverage(
  { report: snapshot, centralUnits }: CoverageBranches,
  children: ChildCoverage[],
  today: string,
): CoverageView {
  const term = snapshot.termStartsOn
    ? { startsOn: snapshot.termStartsOn, endsOn: snapshot.termEndsOn as string }
    : null;
  return {
    asOf: snapshot.asOf,
    term,
    ownOversight: mapOversight(snapshot.ownOversight ?? emptyOversight()),
    subtreeOversight: mapOversight(snapshot.subtreeOversight ?? emptyOversight()),
    own: { ...mapFigures(snapshot.own), forecast: mapForecast(forecast(snapshot.own, term, today)) },
    subtree: mapFigures(snapshot.subtree),
    centralUnits: centralUnits && {
      units: centralUnits.units,
      figures: mapFigures(centralUnits.figures),
      oversight: mapOversight(centralUnits.oversight),
    },
    children: children.map(mapChildCoverage),
  };
}

export function mapOrganizationCoverage(
  row: OrganizationCoverageRow,
  note: string | null,
): CoverageOrganizationView {
  return {
    code: row.code,
    name: row.name,
    category: row.category,
    categoryLabel: CATEGORIES[row.category as Category] ?? row.category,
    covered: row.mode !== null,
    mode: row.mode,
    modeLabel: row.mode ? MODE_LABELS[row.mode as keyof typeof MODE_LABELS] : null,
    feedbackOn: row.feedbackAt ? chinaDate(row.feedbackAt) : null,
    conductedBy: row.conductedBy,
    note,
  };
}
