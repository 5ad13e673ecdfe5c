import { describe, expect, it } from 'vitest';
import {
  changeClass,
  childFigure,
  formatChange,
  groupedRows,
  shortLabel,
  staleNote,
  submitAction,
  thisYear,
  tierTree,
  yearOnYearBars,
  REPORT_STATE_COLORS,
  type ChildStatistics,
  type FigureRow,
  type StatisticsView,
} from './statistics';

const row = (key: string, group: string, over: Partial<FigureRow> = {}): FigureRow => ({
  key,
  label: `${key}（个）`,
  group,
  own: 1,
  subtree: 3,
  previousYear: 1,
  change: 200,
  ...over,
});

const child = (over: Partial<ChildStatistics> = {}): ChildStatistics => ({
  nodeId: '130121',
  name: '井陉县',
  branch: 'territorial',
  state: 'submitted',
  stateLabel: '已报送待审核',
  latest: {
    version: 2,
    formVersion: 1,
    state: 'submitted',
    submittedBy: 'county',
    submittedAt: '2026-12-01T02:00:00Z',
  },
  acceptedVersion: null,
  own: [{ key: 'inspected.total', value: 2 }],
  subtree: [{ key: 'inspected.total', value: 5 }],
  ...over,
});

const view = (over: Partial<StatisticsView> = {}): StatisticsView => ({
  year: 2026,
  nodeId: '130100',
  name: '石家庄市',
  isTop: false,
  formVersion: 1,
  formTitle: '巡视巡察工作年度统计表（第1版）',
  state: 'not_submitted',
  stateLabel: '未报送',
  stale: false,
  shown: 'draft',
  latest: null,
  versions: [],
  figures: [row('inspected.total', '被巡视巡察党组织', { subtree: 7 })],
  centralUnits: null,
  children: [child(), child({ nodeId: '910001', name: '某部', branch: 'central_unit' })],
  ...over,
});

describe('statistics', () => {
  it('formats the change year on year with its sign, a dash when there is no rate', () => {
    expect(formatChange(180)).toBe('+180.0%');
    expect(formatChange(-12.5)).toBe('-12.5%');
    expect(formatChange(0)).toBe('0.0%');
    expect(formatChange(null)).toBe('—');
    expect([changeClass(3), changeClass(-3), changeClass(0), changeClass(null)]).toEqual([
      'up',
      'down',
      '',
      '',
    ]);
  });

  it('takes this year in Beijing: 2026-12-31 17:00 UTC is already 2027', () => {
    expect(thisYear(new Date('2026-12-31T15:59:00Z'))).toBe(2026);
    expect(thisYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
  });

  it('groups the rows: the first of a group spans the group, the others none', () => {
    const rows = groupedRows([row('a', 'G1'), row('b', 'G1'), row('c', 'G2'), row('d', 'G1')]);
    expect(rows.map((r) => r.span)).toEqual([2, 0, 1, 1]);
  });

  it('reads a child’s figure of its latest version, none before it submits', () => {
    expect(childFigure(child(), 'inspected.total')).toBe(5);
    expect(childFigure(child(), 'inspected.total', 'own')).toBe(2);
    expect(childFigure(child(), 'findings.signed')).toBe(0);
    expect(childFigure(child({ latest: null, subtree: [] }), 'inspected.total')).toBeNull();
  });

  it('offers to submit only what the office may submit; the top never', () => {
    expect(submitAction({ isTop: true, state: 'not_submitted', stale: false })).toBeNull();
    expect(submitAction({ isTop: false, state: 'not_submitted', stale: false })).toEqual({
      label: '报送',
      correction: false,
    });
    expect(submitAction({ isTop: false, state: 'returned', stale: false })?.label).toBe('重新报送');
    expect(submitAction({ isTop: false, state: 'submitted', stale: true })).toBeNull();
    expect(submitAction({ isTop: false, state: 'corrected', stale: false })).toBeNull();
    expect(submitAction({ isTop: false, state: 'accepted', stale: true })).toEqual({
      label: '重新报送（更正）',
      correction: true,
    });
  });

  it('says what to do about stale totals', () => {
    expect(staleNote({ state: 'accepted', stale: false })).toBeNull();
    expect(staleNote({ state: 'accepted', stale: true })).toContain('更正原因');
    expect(staleNote({ state: 'submitted', stale: true })).toContain('待上级审核或退回后');
  });

  it('draws the territorial children around the node, coloured by state', () => {
    const tree = tierTree(view());
    expect(tree).toMatchObject({ name: '石家庄市', value: 7, stateLabel: '未报送' });
    expect(tree.children).toHaveLength(1);
    expect(tree.children?.[0]).toMatchObject({
      name: '井陉县',
      value: 5,
      itemStyle: { color: REPORT_STATE_COLORS.submitted },
    });
    expect(tierTree(view({ isTop: true, name: '中央' })).stateLabel).toBe('汇总');
  });

  it('charts the headline figures this year against last year, in the form’s order', () => {
    const bars = yearOnYearBars([
      row('findings.signed', 'G', { subtree: 4, previousYear: 2, change: 100 }),
      row('inspected.total', 'G', { subtree: 9, previousYear: 0, change: null }),
      row('inspected.category.village', 'G'),
    ]);
    expect(bars).toEqual({
      names: ['inspected.total', 'findings.signed'],
      current: [9, 4],
      previous: [0, 2],
      changes: [null, 100],
    });
    expect(shortLabel('巡视巡察党组织（个）')).toBe('巡视巡察党组织');
  });
});
