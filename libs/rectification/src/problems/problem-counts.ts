import { PROBLEM_CATEGORIES } from '@liandong/protocol';
import type { ProblemCategoryCountsV1 } from '@liandong/protocol';

/**
 * Sums counts category by category (a missing category counts 0), in the catalogue's order,
 * leaving out the categories with no finding.
 */
export function sumProblemCounts(
  lists: ReadonlyArray<ReadonlyArray<ProblemCategoryCountsV1>>,
): ProblemCategoryCountsV1[] {
  const sums = new Map<string, ProblemCategoryCountsV1>();
  for (const list of lists)
    for (const c of list) {
      const sum = sums.get(c.category) ?? {
        category: c.category,
        findings: 0,
        organizations: 0,
        nodes: 0,
      };
      sum.findings += c.findings;
      sum.organizations += c.organizations;
      sum.nodes += c.nodes;
      sums.set(c.category, sum);
    }
  return PROBLEM_CATEGORIES.flatMap((category) => {
    const sum = sums.get(category);
    return sum && sum.findings > 0 ? [sum] : [];
  });
}
