import { describe, expect, it } from 'vitest';
import { problemBars, recurrence, thematicTheme, type CommonProblem } from './common-problems';

const category = (over: Partial<CommonProblem>): CommonProblem => ({
  category: 'conduct',
  label: '作风建设（含落实中央八项规定精神）',
  findings: 3,
  organizations: 2,
  nodes: 2,
  own: { findings: 0, organizations: 0, nodes: 0 },
  children: [
    { nodeId: '130121', name: '井陉县', findings: 2, organizations: 1, nodes: 1 },
    { nodeId: '130123', name: '正定县', findings: 1, organizations: 1, nodes: 1 },
  ],
  ...over,
});

describe('common problems', () => {
  it('draws the category in most nodes on top (ECharts draws from the bottom)', () => {
    const bars = problemBars([
      category({}),
      category({
        category: 'other',
        label: '其他/未分类',
        findings: 1,
        organizations: 1,
        nodes: 1,
      }),
    ]);
    expect(bars.labels).toEqual(['其他/未分类', '作风建设（含落实中央八项规定精神）']);
    expect(bars.nodes).toEqual([1, 2]);
    expect(bars.findings).toEqual([1, 3]);
  });

  it('says where a category recurs, by name', () => {
    expect(recurrence(category({}))).toBe('井陉县 2个问题、正定县 1个问题');
  });

  it('names a thematic round after the category', () => {
    expect(thematicTheme('conduct')).toBe('作风建设（含落实中央八项规定精神）专项巡察');
    expect(thematicTheme('other')).toBe('其他专项巡察');
  });
});
