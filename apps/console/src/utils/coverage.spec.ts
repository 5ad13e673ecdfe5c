import { describe, expect, it } from 'vitest';
import {
  centralUnitKindLabel,
  count,
  coverageBars,
  paceNote,
  termElapsedPercent,
  type Figures,
} from './coverage';

const term = { startsOn: '2026-01-01', endsOn: '2026-01-11' };

describe('termElapsedPercent', () => {
  it('is 0 before the term starts and on its first day', () => {
    expect(termElapsedPercent(term, '2025-12-01')).toBe(0);
    expect(termElapsedPercent(term, '2026-01-01')).toBe(0);
  });

  it('is 100 on the last day and after the term', () => {
    expect(termElapsedPercent(term, '2026-01-11')).toBe(100);
    expect(termElapsedPercent(term, '2027-06-30')).toBe(100);
  });

  it('is the share elapsed in the middle of the term, one decimal', () => {
    expect(termElapsedPercent(term, '2026-01-06')).toBe(50);
    expect(termElapsedPercent(term, '2026-01-04')).toBe(30);
    // 1 day of 3 → 33.333… → 33.3
    expect(termElapsedPercent({ startsOn: '2026-01-01', endsOn: '2026-01-04' }, '2026-01-02')).toBe(
      33.3,
    );
  });

  it('counts a five-year term across leap years by days', () => {
    // 2026-01-01 → 2031-01-01 is 1826 days; 2028-07-02 is day 913 → 50.0
    expect(termElapsedPercent({ startsOn: '2026-01-01', endsOn: '2031-01-01' }, '2028-07-02')).toBe(
      50,
    );
  });

  it('is null without a term or without an end date', () => {
    expect(termElapsedPercent(null, '2026-01-06')).toBeNull();
    expect(termElapsedPercent({ startsOn: '2026-01-01', endsOn: null }, '2026-01-06')).toBeNull();
  });

  it('is 100 for a term that ends when it starts', () => {
    expect(termElapsedPercent({ startsOn: '2026-01-01', endsOn: '2026-01-01' }, '2025-01-01')).toBe(
      100,
    );
  });
});

describe('paceNote', () => {
  it('says the coverage is ahead by the gap', () => {
    expect(paceNote(62.5, 50)).toBe('覆盖率 62.5%，届期已过 50%，进度领先 12.5 个百分点');
  });

  it('says the coverage is behind by the gap, without a minus sign', () => {
    expect(paceNote(30, 45.5)).toBe('覆盖率 30%，届期已过 45.5%，进度落后 15.5 个百分点');
  });

  it('rounds the gap to one decimal', () => {
    // 33.3 - 33.4 is -0.0999… in floating point
    expect(paceNote(33.3, 33.4)).toBe('覆盖率 33.3%，届期已过 33.4%，进度落后 0.1 个百分点');
  });

  it('counts an even pace as ahead by 0', () => {
    expect(paceNote(40, 40)).toBe('覆盖率 40%，届期已过 40%，进度领先 0 个百分点');
  });

  it('asks for a term without an elapsed share', () => {
    expect(paceNote(40, null)).toBe('设定届期后可比较覆盖进度与届期进度');
  });
});

function figures(own: number, escalated: number, cross: number, remaining: number): Figures {
  const covered = own + escalated + cross;
  const organizations = covered + remaining;
  return {
    organizations,
    covered,
    coveredOwn: own,
    coveredEscalated: escalated,
    coveredCross: cross,
    remaining,
    rate: Math.round((covered / organizations) * 1000) / 10,
    byCategory: [],
  };
}

describe('coverageBars', () => {
  it('gives one stacked bar per child, in order, from its subtree', () => {
    const bars = coverageBars([
      { name: '石家庄市', subtree: figures(120, 30, 15, 35) },
      { name: '唐山市', subtree: figures(80, 0, 20, 100) },
    ]);
    expect(bars).toEqual({
      names: ['石家庄市', '唐山市'],
      own: [120, 80],
      escalated: [30, 0],
      cross: [15, 20],
      remaining: [35, 100],
    });
  });

  it('stacks each bar to the organizations of the subtree', () => {
    const rows = [
      { name: '石家庄市', subtree: figures(120, 30, 15, 35) },
      { name: '唐山市', subtree: figures(80, 0, 20, 100) },
    ];
    const bars = coverageBars(rows);
    const totals = bars.names.map(
      (_, i) => bars.own[i] + bars.escalated[i] + bars.cross[i] + bars.remaining[i],
    );
    expect(totals).toEqual([200, 200]);
  });

  it('is empty for no children', () => {
    expect(coverageBars([])).toEqual({
      names: [],
      own: [],
      escalated: [],
      cross: [],
      remaining: [],
    });
  });
});

describe('count', () => {
  it('groups thousands and shows a dash for nothing', () => {
    expect(count(1234567)).toBe('1,234,567');
    expect(count(0)).toBe('0');
    expect(count(null)).toBe('—');
    expect(count(undefined)).toBe('—');
  });
});

describe('centralUnitKindLabel', () => {
  it('names the kind of a central unit by its id, and nothing more for any other id', () => {
    expect(['910001', '920003', '930001', '940001', '130000'].map(centralUnitKindLabel)).toEqual([
      '中央部委',
      '中央国家机关部门',
      '中管企业',
      '中央单位',
      '中央单位',
    ]);
  });
});
