import { statisticsYear } from '@liandong/planning';
import { FORM_V1, fromWire, onForm, sumFigures, toWire, yearOnYear } from './form';

describe('the statistics form', () => {
  it('has one line per key, each with a Chinese label', () => {
    const keys = FORM_V1.lines.map((l) => l.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const line of FORM_V1.lines) expect(line.label).toMatch(/[\u4e00-\u9fff]/);
    expect(keys).toEqual(
      expect.arrayContaining([
        'inspected.category.village',
        'inspected.mode.escalated',
        'inspected.mode.cross',
        'rounds.type.follow_up',
        'special_reports',
      ]),
    );
  });

  it('sums key by key, a missing key counting 0, and keeps to the form', () => {
    expect(sumFigures([{ a: 1, b: 2 }, { a: 3 }, null])).toEqual({ a: 4, b: 2 });
    const figures = onForm(FORM_V1, { 'inspected.total': 5, unknown: 9 });
    expect(figures['inspected.total']).toBe(5);
    expect(figures['special_reports']).toBe(0);
    expect(figures).not.toHaveProperty('unknown');
    expect(fromWire(toWire(figures))).toEqual(figures);
  });

  it('computes 比上年增长 as a percentage with one decimal, null when last year was 0', () => {
    expect(yearOnYear(3645, 1302)).toBe(180);
    expect(yearOnYear(1, 3)).toBe(-66.7);
    expect(yearOnYear(4, 4)).toBe(0);
    expect(yearOnYear(5, 0)).toBeNull();
  });

  it('takes the year in China time', () => {
    const { from, to } = statisticsYear(2026);
    expect(from.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});
