import type { Schemas } from '@/api/client';
import type { EngagementFigures, OversightFigures } from './oversight';

/** The rows of 督导统计: by node overseen, and by child as reported. */
export interface FigureRow {
  key: string;
  name: string;
  /** null: a child that has not reported yet. */
  figures: EngagementFigures | null;
}

export const engagementsOf = (f: EngagementFigures) => f.engagementsOpen + f.engagementsClosed;

/** This node's engagements by the descendant overseen, then 合计 (its own figures). */
export function overseenRows(
  rows: Schemas['NodeEngagementFiguresView'][],
  own: EngagementFigures,
): FigureRow[] {
  return [
    ...rows.map((r) => ({ key: r.nodeId, name: r.name, figures: r.figures })),
    { key: 'total', name: '合计', figures: own },
  ];
}

/**
 * What each child and those below it conduct, as it last reported (a registered child that
 * has not reported shows as such), then this node's own and the whole subtree's.
 */
export function childRows(
  figures: OversightFigures,
  children: { nodeId: string; name: string }[],
): FigureRow[] {
  const reported = new Map(figures.children.map((c) => [c.nodeId, c]));
  const silent = children.filter((c) => !reported.has(c.nodeId));
  return [
    { key: 'own', name: '本级', figures: figures.own },
    ...figures.children.map((c) => ({ key: c.nodeId, name: c.name, figures: c.figures })),
    ...silent.map((c) => ({ key: c.nodeId, name: c.name, figures: null })),
    { key: 'subtree', name: '全辖区合计', figures: figures.subtree },
  ];
}

/** 3 条中 1 条已答复: a one-line summary of the recommendations' answers. */
export function answeredShare(f: EngagementFigures): string {
  const all = f.recommendationsOpen + f.recommendationsAnswered + f.recommendationsOverdue;
  if (all === 0) return '暂无督导意见';
  return `${all} 条中 ${f.recommendationsAnswered} 条已答复`;
}
