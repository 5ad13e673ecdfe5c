import type { Schemas } from '@/api/client';
import { beijingToday } from './time';

export type StatisticsView = Schemas['StatisticsView'];
export type FigureRow = Schemas['FigureRowView'];
export type ChildStatistics = Schemas['ChildStatisticsView'];
export type ReportState = StatisticsView['state'];

/** 未报送 / 已报送待审核 / 已退回 / 已审核通过 / 更正待审核, in colour (the label is the API's). */
export const REPORT_STATE_COLORS: Record<ReportState, string> = {
  not_submitted: '#909399',
  submitted: '#d48806',
  returned: '#e0302d',
  accepted: '#3d9a2b',
  corrected: '#7b4fd6',
};

/** The legend of the tiers chart, in the order a report goes through. */
export const REPORT_STATE_LEGEND: { state: ReportState; label: string; color: string }[] = [
  { state: 'not_submitted', label: '未报送', color: REPORT_STATE_COLORS.not_submitted },
  { state: 'submitted', label: '已报送待审核', color: REPORT_STATE_COLORS.submitted },
  { state: 'returned', label: '已退回', color: REPORT_STATE_COLORS.returned },
  { state: 'accepted', label: '已审核通过', color: REPORT_STATE_COLORS.accepted },
  { state: 'corrected', label: '更正待审核', color: REPORT_STATE_COLORS.corrected },
];

/** The figures the children's table, the tree's tooltips and the year-on-year chart show. */
export const HEADLINE_KEYS = [
  'inspected.total',
  'rounds.total',
  'findings.signed',
  'clues.referred',
  'rectification.items_closed',
  'recommendations',
  'special_reports',
] as const;

/** The statistics year in Beijing today (the year picker's default). */
export function thisYear(now: Date = new Date()): number {
  return Number(beijingToday(now).slice(0, 4));
}

/** 比上年增长: "+180.0%", "-12.5%", "0.0%"; a dash when last year was 0 (no rate). */
export function formatChange(change: number | null | undefined): string {
  if (change === null || change === undefined) return '—';
  const sign = change > 0 ? '+' : '';
  return `${sign}${change.toFixed(1)}%`;
}

/** Up is red (more work done, the Chinese convention for a rise), down is green, else plain. */
export function changeClass(change: number | null | undefined): string {
  if (change === null || change === undefined || change === 0) return '';
  return change > 0 ? 'up' : 'down';
}

/** A form line's label without its unit: 巡视巡察党组织（个） → 巡视巡察党组织. */
export function shortLabel(label: string): string {
  return label.replace(/（[^）]*）$/, '');
}

/**
 * The rows of the figures table with the group each starts: `span` is how many rows the
 * group cell covers on its first row, 0 on the others (el-table's span-method).
 */
export function groupedRows(rows: FigureRow[]): (FigureRow & { span: number })[] {
  return rows.map((row, i) => {
    if (i > 0 && rows[i - 1].group === row.group) return { ...row, span: 0 };
    let span = 1;
    while (rows[i + span]?.group === row.group) span += 1;
    return { ...row, span };
  });
}

/** A child's figure of its latest version (0 when it has not submitted). */
export function childFigure(
  child: ChildStatistics,
  key: string,
  which: 'own' | 'subtree' = 'subtree',
): number | null {
  if (!child.latest) return null;
  return child[which].find((f) => f.key === key)?.value ?? 0;
}

/**
 * What this node's office is to do about its own report, or nothing: the top only sums, a
 * report awaiting the parent waits, an accepted one is locked (a correction needs a reason).
 */
export function submitAction(
  view: Pick<StatisticsView, 'isTop' | 'state' | 'stale'>,
): { label: string; correction: boolean } | null {
  if (view.isTop) return null;
  switch (view.state) {
    case 'not_submitted':
      return { label: '报送', correction: false };
    case 'returned':
      return { label: '重新报送', correction: false };
    case 'accepted':
      return { label: view.stale ? '重新报送（更正）' : '更正后重新报送', correction: true };
    default:
      return null;
  }
}

/** What the stale warning says to do (the figures this node submitted no longer add up). */
export function staleNote(view: Pick<StatisticsView, 'state' | 'stale'>): string | null {
  if (!view.stale) return null;
  const waiting = view.state === 'submitted' || view.state === 'corrected';
  return waiting
    ? '本级报送后，又有下级的统计审核通过，已报送的合计已过时。请待上级审核或退回后，重新报送本级统计。'
    : '本级报送后，又有下级的统计审核通过，已报送的合计已过时。请填写更正原因，重新报送本级统计，上级需再次审核。';
}

export interface TierNode {
  name: string;
  value: number | null;
  state: ReportState;
  stateLabel: string;
  itemStyle: { color: string; borderColor: string };
  label?: { color: string };
  children?: TierNode[];
}

/**
 * The tiers as a tree: this node at the root in its own state (the top has none: it only
 * sums, drawn in the national colour), each territorial child coloured by its state; `value`
 * is the headline figure of the subtree (the child's latest version).
 */
export function tierTree(view: StatisticsView, key = 'inspected.total'): TierNode {
  const rootColor = view.isTop ? '#b3261e' : REPORT_STATE_COLORS[view.state];
  return {
    name: view.name,
    value: view.figures.find((f) => f.key === key)?.subtree ?? 0,
    state: view.state,
    stateLabel: view.isTop ? '汇总' : view.stateLabel,
    itemStyle: { color: rootColor, borderColor: rootColor },
    children: view.children
      .filter((c) => c.branch === 'territorial')
      .map((c) => ({
        name: c.name,
        value: childFigure(c, key),
        state: c.state,
        stateLabel: c.stateLabel,
        itemStyle: {
          color: REPORT_STATE_COLORS[c.state],
          borderColor: REPORT_STATE_COLORS[c.state],
        },
      })),
  };
}

/** This year against last year, for the headline figures (subtree totals). */
export function yearOnYearBars(rows: FigureRow[]): {
  names: string[];
  current: number[];
  previous: number[];
  changes: (number | null)[];
} {
  const shown = HEADLINE_KEYS.map((key) => rows.find((r) => r.key === key)).filter(
    (r): r is FigureRow => Boolean(r),
  );
  return {
    names: shown.map((r) => shortLabel(r.label)),
    current: shown.map((r) => r.subtree),
    previous: shown.map((r) => r.previousYear),
    changes: shown.map((r) => r.change),
  };
}
