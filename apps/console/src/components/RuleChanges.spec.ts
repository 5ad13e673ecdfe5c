import { enableAutoUnmount, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reactive } from 'vue';
import type { Rule, RuleChange } from '@/utils/rules';
import RuleChanges from './RuleChanges.vue';

/** 整改进展情况报告期限: 1–12 个月, shorter is stricter, 3 in force (set by 中央). */
const months: Rule = {
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
  inForce: {
    key: 'rectification.progress_report_months',
    value: 3,
    effectiveFrom: '2026-01-01',
    directiveId: 'd-1',
    setByNode: '000000',
    setByLabel: '中央（000000）',
  },
  versions: [],
};

/** A rate where higher is stricter, 60 % baseline, nothing in force. */
const rate: Rule = {
  ...months,
  key: 'coverage.minimum_rate',
  label: '最低覆盖率',
  unit: '%',
  integer: false,
  min: 0,
  max: 100,
  stricter: 'higher',
  stricterLabel: '下级只能从严（更高）',
  baseline: 60,
  inForce: null,
};

/**
 * Mounted as a form would hold it: the changes reactive, edited in place. el-select,
 * el-input-number and el-button are real; the date picker is stubbed (it renders its whole
 * calendar even closed, ~0.4 s a row in happy-dom, and takes no part in the checks).
 */
function mountWith(list: RuleChange[]) {
  const changes = reactive(list);
  const wrapper = mount(RuleChanges, {
    props: { rules: [months, rate], modelValue: changes },
    global: { stubs: { ElDatePicker: true } },
  });
  const problems = () => (wrapper.vm as unknown as { problems(): string[] }).problems();
  return { wrapper, changes, problems };
}

const from = '2027-01-01';

enableAutoUnmount(afterEach);

describe('RuleChanges', () => {
  beforeEach(() => {
    // 00:30 on 2 December in Beijing, still 1 December in UTC.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T16:30:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lists a problem for a looser value than the one in force', () => {
    const { wrapper, problems } = mountWith([{ key: months.key, value: 4, effectiveFrom: from }]);
    expect(problems()).toEqual(['只能从严：不得长于现行的 3 个月']);
    expect(wrapper.get('.problem').text()).toBe('只能从严：不得长于现行的 3 个月');
  });

  it('lists no problem for a tighter value', () => {
    const { wrapper, problems } = mountWith([{ key: months.key, value: 1, effectiveFrom: from }]);
    expect(problems()).toEqual([]);
    expect(wrapper.find('.problem').exists()).toBe(false);
  });

  it('checks a rule where higher is stricter against its baseline', () => {
    const looser = mountWith([{ key: rate.key, value: 55.5, effectiveFrom: from }]);
    expect(looser.problems()).toEqual(['只能从严：不得低于现行的 60 %']);
    const tighter = mountWith([{ key: rate.key, value: 70.5, effectiveFrom: from }]);
    expect(tighter.problems()).toEqual([]);
  });

  it('shows the value in force and which way is stricter', () => {
    const { wrapper } = mountWith([{ key: months.key, value: 2, effectiveFrom: from }]);
    expect(wrapper.get('[data-test="rule-change"] > div.muted').text()).toBe(
      '现行 3 个月（中央（000000）设定，自2026年1月1日起）；下级只能从严（更短）',
    );
  });

  it('lists the problems of every change, skipping those without any', () => {
    const { wrapper, problems } = mountWith([
      { key: '', value: undefined, effectiveFrom: from },
      { key: months.key, value: 2, effectiveFrom: from },
      { key: months.key, value: 2.5, effectiveFrom: from },
      { key: months.key, value: undefined, effectiveFrom: from },
    ]);
    expect(problems()).toEqual([
      '请选择要调整的规则',
      '整改进展情况报告期限须为整数',
      '请填写新的数值',
    ]);
    expect(wrapper.findAll('.problem').map((p) => p.text())).toEqual(problems());
  });

  it('has the number input hold a value to the range, then checks it', () => {
    // el-input-number brings 13 down to the rule's max, 12: still looser than 3.
    const { changes, problems } = mountWith([{ key: months.key, value: 13, effectiveFrom: from }]);
    expect(changes[0].value).toBe(12);
    expect(problems()).toEqual(['只能从严：不得长于现行的 3 个月']);
  });

  it('has no problems without changes', () => {
    expect(mountWith([]).problems()).toEqual([]);
  });

  it('adds an empty change effective from today in Beijing', async () => {
    const { wrapper, changes, problems } = mountWith([]);
    const add = wrapper.findAll('button').find((b) => b.text() === '调整规则');
    if (!add) throw new Error('no 调整规则 button');
    await add.trigger('click');
    expect(changes).toEqual([{ key: '', value: undefined, effectiveFrom: '2026-12-02' }]);
    expect(wrapper.findAll('[data-test="rule-change"]')).toHaveLength(1);
    expect(problems()).toEqual(['请选择要调整的规则']);
    expect(wrapper.get('.problem').text()).toBe('请选择要调整的规则');
  });

  it('removes a change with its delete button', async () => {
    const { wrapper, changes, problems } = mountWith([
      { key: months.key, value: 4, effectiveFrom: from },
      { key: months.key, value: 1, effectiveFrom: from },
    ]);
    await wrapper.findAll('[aria-label="删除此项"]')[0].trigger('click');
    expect(changes).toEqual([{ key: months.key, value: 1, effectiveFrom: from }]);
    expect(wrapper.findAll('[data-test="rule-change"]')).toHaveLength(1);
    expect(problems()).toEqual([]);
  });

  it('rechecks a value typed into the number input', async () => {
    const { wrapper, changes, problems } = mountWith([
      { key: months.key, value: 1, effectiveFrom: from },
    ]);
    expect(problems()).toEqual([]);
    const input = wrapper.get('input[aria-label="第1项新数值"]');
    await input.setValue('5');
    await input.trigger('change');
    expect(changes[0].value).toBe(5);
    expect(problems()).toEqual(['只能从严：不得长于现行的 3 个月']);
    expect(wrapper.get('.problem').text()).toBe('只能从严：不得长于现行的 3 个月');
  });
});
