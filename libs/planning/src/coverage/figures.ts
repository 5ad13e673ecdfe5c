import {
  CategoryCoverageV1,
  CoverageFiguresV1,
  daysBetween,
  OversightFiguresV1,
} from '@liandong/protocol';

export function emptyOversight(): OversightFiguresV1 {
  return {
    rectifications: 0,
    rectificationsOverdue: 0,
    items: 0,
    itemsClosed: 0,
    referralsSent: 0,
    referralsOpen: 0,
    referralsOverdue: 0,
    referralsDisposed: 0,
  };
}

/** Rectification and referral figures added up, member by member (missing members are 0). */
export function sumOversight(
  all: Array<Partial<OversightFiguresV1> | null | undefined>,
): OversightFiguresV1 {
  const total = emptyOversight();
  const keys = Object.keys(total) as Array<keyof OversightFiguresV1>;
  for (const figures of all) for (const key of keys) total[key] += figures?.[key] ?? 0;
  return total;
}

export function emptyFigures(): CoverageFiguresV1 {
  return {
    organizations: 0,
    covered: 0,
    coveredOwn: 0,
    coveredEscalated: 0,
    coveredCross: 0,
    byCategory: [],
  };
}

/** Figures of several registries added up, category by category. */
export function sumFigures(all: CoverageFiguresV1[]): CoverageFiguresV1 {
  const total = emptyFigures();
  const categories = new Map<string, CategoryCoverageV1>();
  for (const figures of all) {
    total.organizations += figures.organizations;
    total.covered += figures.covered;
    total.coveredOwn += figures.coveredOwn;
    total.coveredEscalated += figures.coveredEscalated;
    total.coveredCross += figures.coveredCross;
    for (const row of figures.byCategory) {
      const sum = categories.get(row.category) ?? {
        category: row.category,
        organizations: 0,
        covered: 0,
      };
      sum.organizations += row.organizations;
      sum.covered += row.covered;
      categories.set(row.category, sum);
    }
  }
  total.byCategory = [...categories.values()].sort((a, b) => a.category.localeCompare(b.category));
  return total;
}

/** Covered share in percent, one decimal; 0 for an empty registry. */
export function coverageRate(figures: CoverageFiguresV1): number {
  if (figures.organizations === 0) return 0;
  return Math.round((figures.covered / figures.organizations) * 1000) / 10;
}

export interface Forecast {
  status: 'no_term' | 'complete' | 'on_track' | 'behind';
  label: string;
  /** Organizations covered per year so far this term. */
  pacePerYear: number;
  /** Covered at the term's end if the pace holds. */
  projectedAtTermEnd: number;
  /** Organizations a year needed from today to finish within the term. */
  neededPerYear: number;
}

/** Whether the term will finish at the current pace (全覆盖 within the term). */
export function forecast(
  figures: CoverageFiguresV1,
  term: { startsOn: string; endsOn: string } | null,
  today: string,
): Forecast {
  if (!term)
    return {
      status: 'no_term',
      label: '未设置届期',
      pacePerYear: 0,
      projectedAtTermEnd: figures.covered,
      neededPerYear: 0,
    };
  const remaining = figures.organizations - figures.covered;
  const elapsed = Math.max(daysBetween(term.startsOn, today), 1);
  const left = Math.max(daysBetween(today, term.endsOn), 0);
  const perDay = figures.covered / elapsed;
  const projected = Math.min(figures.organizations, Math.floor(figures.covered + perDay * left));
  const base = {
    pacePerYear: Math.round(perDay * 365 * 10) / 10,
    projectedAtTermEnd: projected,
    neededPerYear: left > 0 ? Math.round((remaining / left) * 365 * 10) / 10 : remaining,
  };
  if (remaining <= 0) return { ...base, status: 'complete', label: '已全覆盖' };
  if (projected >= figures.organizations)
    return { ...base, status: 'on_track', label: '按当前进度可在届内完成全覆盖' };
  return { ...base, status: 'behind', label: '按当前进度届内无法完成全覆盖，需加快进度' };
}
