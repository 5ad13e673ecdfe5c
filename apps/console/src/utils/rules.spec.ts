import { describe, expect, it } from 'vitest';
import { inForceText, ruleValueProblem, type Rule } from './rules';

/** 整改进展情况报告期限: 1–12 个月, whole months, shorter is stricter, baseline 2. */
function months(over: Partial<Rule> = {}): Rule {
  return {
    key: 'rectification.progress_report_months',
    label: '整改进展情况报告期限',
    description: '',
    unit: '个月',
    integer: true,
    min: 1,
    max: 12,
    owner: 'central',
    ownerLabel: '中央',
    stricter: 'lower',
    stricterLabel: '下级只能从严（更短）',
    baseline: 2,
    inForce: null,
    versions: [],
    ...over,
  };
}

/** A share where higher is stricter (e.g. a minimum coverage rate), 0–100 %, halves allowed. */
function share(over: Partial<Rule> = {}): Rule {
  return months({
    key: 'coverage.minimum_rate',
    label: '最低覆盖率',
    unit: '%',
    integer: false,
    min: 0,
    max: 100,
    stricter: 'higher',
    stricterLabel: '下级只能从严（更高）',
    baseline: 60,
    ...over,
  });
}

function inForce(value: number, effectiveFrom = '2026-01-01', setByLabel = '中央（000000）') {
  return {
    key: 'rectification.progress_report_months',
    value,
    effectiveFrom,
    directiveId: 'd-1',
    setByNode: '000000',
    setByLabel,
  };
}

describe('ruleValueProblem', () => {
  it('asks for a value when there is none', () => {
    expect(ruleValueProblem(months(), undefined)).toBe('请填写新的数值');
    expect(ruleValueProblem(months(), null)).toBe('请填写新的数值');
    expect(ruleValueProblem(months(), Number.NaN)).toBe('请填写新的数值');
  });

  it('refuses a value outside the range, naming the range', () => {
    expect(ruleValueProblem(months(), 0)).toBe('整改进展情况报告期限须在 1–12 个月之间');
    expect(ruleValueProblem(months(), 13)).toBe('整改进展情况报告期限须在 1–12 个月之间');
    expect(ruleValueProblem(share({ inForce: inForce(60) }), 100.5)).toBe(
      '最低覆盖率须在 0–100 %之间',
    );
  });

  it('accepts the ends of the range when they are no looser', () => {
    expect(ruleValueProblem(months(), 1)).toBeNull();
    expect(ruleValueProblem(share(), 100)).toBeNull();
  });

  it('refuses a fraction where the rule is whole', () => {
    expect(ruleValueProblem(months(), 1.5)).toBe('整改进展情况报告期限须为整数');
  });

  it('allows a fraction where the rule is not whole', () => {
    expect(ruleValueProblem(share(), 62.5)).toBeNull();
  });

  describe("stricter 'lower' (shorter is stricter)", () => {
    it('refuses a longer value than the baseline when nothing is in force', () => {
      expect(ruleValueProblem(months(), 3)).toBe('只能从严：不得长于现行的 2 个月');
    });

    it('accepts the same or a shorter value', () => {
      expect(ruleValueProblem(months(), 2)).toBeNull();
      expect(ruleValueProblem(months(), 1)).toBeNull();
    });

    it('measures against the value in force, not the baseline', () => {
      const rule = months({ baseline: 2, inForce: inForce(6) });
      expect(ruleValueProblem(rule, 4)).toBeNull();
      expect(ruleValueProblem(rule, 7)).toBe('只能从严：不得长于现行的 6 个月');
    });
  });

  describe("stricter 'higher' (higher is stricter)", () => {
    it('refuses a lower value than the one in force', () => {
      const rule = share({ inForce: inForce(70) });
      expect(ruleValueProblem(rule, 65)).toBe('只能从严：不得低于现行的 70 %');
    });

    it('accepts the same or a higher value', () => {
      const rule = share({ inForce: inForce(70) });
      expect(ruleValueProblem(rule, 70)).toBeNull();
      expect(ruleValueProblem(rule, 85.5)).toBeNull();
    });

    it('measures against the baseline when nothing is in force', () => {
      expect(ruleValueProblem(share(), 59.5)).toBe('只能从严：不得低于现行的 60 %');
    });
  });
});

describe('inForceText', () => {
  it('names the baseline when no directive set the rule', () => {
    expect(inForceText(months())).toBe('现行 2 个月（基准值）');
  });

  it('names the value in force, who set it and since when, without leading zeros', () => {
    expect(inForceText(months({ inForce: inForce(3, '2026-01-05') }))).toBe(
      '现行 3 个月（中央（000000）设定，自2026年1月5日起）',
    );
    expect(inForceText(months({ inForce: inForce(1, '2027-10-20', '河北省（130000）') }))).toBe(
      '现行 1 个月（河北省（130000）设定，自2027年10月20日起）',
    );
  });
});
