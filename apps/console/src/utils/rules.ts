import type { Schemas } from '@/api/client';

export type Rule = Schemas['RuleView'];

/** One rule change being written in a form (a directive's, or a relay's). */
export interface RuleChange {
  key: string;
  value: number | undefined;
  effectiveFrom: string;
}

/** 现行 2 个月（中央设定，自2026年1月1日起） */
export function inForceText(rule: Rule): string {
  const inForce = rule.inForce;
  if (!inForce) return `现行 ${rule.baseline} ${rule.unit}（基准值）`;
  const since = inForce.effectiveFrom.slice(0, 10).split('-').map(Number);
  return `现行 ${inForce.value} ${rule.unit}（${inForce.setByLabel}设定，自${since[0]}年${since[1]}月${since[2]}日起）`;
}

/**
 * What is wrong with a proposed value of a rule, in Chinese, or null: within the rule's
 * range, whole where it must be, and no looser than the rule in force (a lower tier only
 * tightens; the node checks the same and refuses otherwise).
 */
export function ruleValueProblem(rule: Rule, value: number | null | undefined): string | null {
  if (value === null || value === undefined || Number.isNaN(value)) return '请填写新的数值';
  if (rule.integer && !Number.isInteger(value)) return `${rule.label}须为整数`;
  if (value < rule.min || value > rule.max)
    return `${rule.label}须在 ${rule.min}–${rule.max} ${rule.unit}之间`;
  const current = rule.inForce?.value ?? rule.baseline;
  if (rule.stricter === 'lower' && value > current)
    return `只能从严：不得长于现行的 ${current} ${rule.unit}`;
  if (rule.stricter === 'higher' && value < current)
    return `只能从严：不得低于现行的 ${current} ${rule.unit}`;
  return null;
}

/** The rule changes of a form as the API takes them. */
export function policyChanges(
  changes: RuleChange[],
): { key: string; value: number; effectiveFrom: string }[] {
  return changes.map((p) => ({
    key: p.key,
    value: Number(p.value),
    effectiveFrom: p.effectiveFrom,
  }));
}
