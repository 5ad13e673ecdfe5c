import { NodeTier, Tier, TIER_LABELS, tierDepth } from '@liandong/protocol';

/**
 * 规则目录: the rules a directive may set, as typed, owned data. Each rule has a type, a unit
 * and an allowed range; a tier owns it (sets its base value for the whole tree); a lower
 * tier may only tighten it for its own area — "a city may require reports earlier, never
 * later". Where several tiers set a rule, the strictest version in force applies.
 */
export interface RuleDefinition {
  key: string;
  /** zh-CN name, as the console shows it. */
  label: string;
  description: string;
  unit: string;
  integer: boolean;
  min: number;
  max: number;
  /** The tier that sets the base value. */
  owner: Tier;
  /** Which way is stricter: a lower value (a shorter deadline) or a higher one. */
  stricter: 'lower' | 'higher';
  /** The value before any directive set it (shipped with the schema). */
  baseline: number;
}

export const RULES: readonly RuleDefinition[] = [
  {
    key: 'rectification.progress_report_months',
    label: '整改进展情况报告期限',
    description: '反馈后多少个月内报送整改进展情况报告；以反馈当日有效的规定为准',
    unit: '个月',
    integer: true,
    min: 1,
    max: 12,
    owner: 'central',
    stricter: 'lower',
    baseline: 2,
  },
  {
    key: 'referral.acknowledge_days',
    label: '移交签收期限',
    description: '接收移交的机关须在多少天内签收；以移交当日有效的规定为准',
    unit: '天',
    integer: true,
    min: 1,
    max: 90,
    owner: 'central',
    stricter: 'lower',
    baseline: 15,
  },
  {
    key: 'information_request.answer_days',
    label: '信息沟通答复期限',
    description:
      '被征询的机关须在发出请求后多少天内答复巡前信息沟通和巡中监督手段支持请求；以发出当日有效的规定为准，巡视巡察办可定更早的日期',
    unit: '天',
    integer: true,
    min: 1,
    max: 60,
    owner: 'central',
    stricter: 'lower',
    baseline: 10,
  },
  {
    key: 'oversight.recommendation_answer_days',
    label: '督导意见整改答复期限',
    description: '督导结束后被督导节点须在多少天内逐条答复督导意见；以督导结束当日有效的规定为准',
    unit: '天',
    integer: true,
    min: 1,
    max: 180,
    owner: 'central',
    stricter: 'lower',
    baseline: 60,
  },
];

const BY_KEY = new Map(RULES.map((rule) => [rule.key, rule]));

export function ruleOf(key: string): RuleDefinition | undefined {
  return BY_KEY.get(key);
}

/** Whether `value` is at least as strict as `than` for this rule. */
export function asStrict(rule: RuleDefinition, value: number, than: number): boolean {
  return rule.stricter === 'lower' ? value <= than : value >= than;
}

/** The stricter of two values. */
export function stricterOf(rule: RuleDefinition, a: number, b: number): number {
  return asStrict(rule, a, b) ? a : b;
}

export interface RuleProblem {
  /** `invalid`: not a rule, or not a value it can take; `loosens`: a lower tier loosening it. */
  kind: 'invalid' | 'loosens';
  zh: string;
  en: string;
}

/**
 * What is wrong with a rule change, if anything: an unknown rule, a value of the wrong kind
 * or out of range, or — from a tier below the owner — a loosening of what the tiers above
 * have in force (`fromAbove`, undefined when they have set nothing).
 */
export function ruleProblem(
  change: { key: string; value: number },
  issuerTier: NodeTier,
  fromAbove: number | undefined,
): RuleProblem | undefined {
  const rule = ruleOf(change.key);
  if (!rule)
    return {
      kind: 'invalid',
      zh: `没有名为 ${change.key} 的规则；可设定的规则：${RULES.map((r) => `${r.label}（${r.key}）`).join('、')}`,
      en: `${change.key} is not a known rule (known: ${RULES.map((r) => r.key).join(', ')})`,
    };
  const { value } = change;
  if (!Number.isFinite(value) || (rule.integer && !Number.isInteger(value)))
    return {
      kind: 'invalid',
      zh: `${rule.label}须为整数（单位：${rule.unit}）`,
      en: `${rule.key} must be a whole number of ${rule.unit}`,
    };
  if (value < rule.min || value > rule.max)
    return {
      kind: 'invalid',
      zh: `${rule.label}须在 ${rule.min} 到 ${rule.max} ${rule.unit}之间`,
      en: `${rule.key} must be between ${rule.min} and ${rule.max}`,
    };
  if (tierDepth(issuerTier) > tierDepth(rule.owner) && fromAbove !== undefined) {
    if (!asStrict(rule, value, fromAbove))
      return {
        kind: 'loosens',
        zh: `${rule.label}由${TIER_LABELS[rule.owner]}设定，下级只能从严：上级现行 ${fromAbove} ${rule.unit}，本级只能定为 ${fromAbove} ${rule.unit}或更${rule.stricter === 'lower' ? '短' : '长'}`,
        en: `${rule.key} is owned by the ${rule.owner} tier; a lower tier may only tighten it: the tiers above have ${fromAbove} in force, so it may be at most ${fromAbove}`,
      };
  }
  if (tierDepth(issuerTier) < tierDepth(rule.owner))
    return {
      kind: 'loosens',
      zh: `${rule.label}由${TIER_LABELS[rule.owner]}设定，不由上级代设`,
      en: `${rule.key} is set by the ${rule.owner} tier`,
    };
  return undefined;
}
