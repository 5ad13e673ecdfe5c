import type { Schemas } from '@/api/client';
import { PROBLEM_CATEGORY_LABELS, type ProblemCategory } from './labels';

/** 举一反三 as the console shows it: counts by problem category, never the findings. */
export type CommonProblems = Schemas['CommonProblemsView'];
export type CommonProblem = Schemas['CommonProblemView'];

/** The bars of the chart, the category recurring in most nodes on top. */
export function problemBars(categories: readonly CommonProblem[]): {
  labels: string[];
  nodes: number[];
  organizations: number[];
  findings: number[];
} {
  // ECharts draws a category axis from the bottom up: the first row goes last.
  const rows = [...categories].reverse();
  return {
    labels: rows.map((c) => c.label),
    nodes: rows.map((c) => c.nodes),
    organizations: rows.map((c) => c.organizations),
    findings: rows.map((c) => c.findings),
  };
}

/** Where a category recurs: 井陉县 2个问题、正定县 1个问题. */
export function recurrence(category: CommonProblem): string {
  return category.children.map((c) => `${c.name} ${c.findings}个问题`).join('、');
}

/** The theme a thematic round on a category opens with: 作风建设（含落实中央八项规定精神）专项巡察. */
export function thematicTheme(category: string): string {
  const label = PROBLEM_CATEGORY_LABELS[category as ProblemCategory] ?? category;
  return `${label}专项巡察`;
}
