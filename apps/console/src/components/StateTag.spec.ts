import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { SHOWN_STATES, type ShownState } from '@/utils/directive-status';
import StateTag from './StateTag.vue';

/** The colour as the DOM may normalise it (#e0302d or rgb(224, 48, 45)). */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

const cases: [ShownState, string, string][] = [
  ['not_delivered', '未送达', '#909399'],
  ['delivered', '已送达', '#409eff'],
  ['acknowledged', '已签收', '#0e9f9a'],
  ['relayed', '已转发', '#7b4fd6'],
  ['reported', '已报告', '#3d9a2b'],
  ['overdue', '逾期', '#e0302d'],
];

describe('StateTag', () => {
  it.each(cases)('shows %s as %s on %s', (state, label, color) => {
    const wrapper = mount(StateTag, { props: { state } });
    const tag = wrapper.get('span.state');
    expect(tag.text()).toBe(label);
    expect(tag.attributes('data-state')).toBe(state);
    expect([color, rgb(color)]).toContain((tag.element as HTMLElement).style.background);
  });

  it('covers every state of the legend', () => {
    expect(cases.map(([state]) => state).sort()).toEqual(Object.keys(SHOWN_STATES).sort());
  });

  it('follows a change of state', async () => {
    const wrapper = mount(StateTag, { props: { state: 'acknowledged' } });
    await wrapper.setProps({ state: 'overdue' });
    expect(wrapper.text()).toBe('逾期');
    expect(wrapper.attributes('data-state')).toBe('overdue');
    expect([SHOWN_STATES.overdue.color, rgb(SHOWN_STATES.overdue.color)]).toContain(
      (wrapper.element as HTMLElement).style.background,
    );
  });
});
