import { CoverageFiguresV1 } from '@liandong/protocol';
import { coverageRate, forecast, sumFigures } from './figures';

const figures = (
  organizations: number,
  covered: number,
  category = 'village',
): CoverageFiguresV1 => ({
  organizations,
  covered,
  coveredOwn: covered,
  coveredEscalated: 0,
  coveredCross: 0,
  byCategory: [{ category, organizations, covered }],
});

describe('coverage figures (全覆盖)', () => {
  it('adds registries up category by category', () => {
    const sum = sumFigures([figures(10, 4), figures(5, 5), figures(3, 1, 'township')]);
    expect(sum).toMatchObject({ organizations: 18, covered: 10, coveredOwn: 10 });
    expect(sum.byCategory).toEqual([
      { category: 'township', organizations: 3, covered: 1 },
      { category: 'village', organizations: 15, covered: 9 },
    ]);
    expect(coverageRate(sum)).toBe(55.6);
    expect(coverageRate(figures(0, 0))).toBe(0);
  });

  it('forecasts from the pace so far in the term', () => {
    const term = { startsOn: '2026-01-01', endsOn: '2031-01-01' };
    // One year in, 20 of 100 covered: exactly on pace to finish.
    expect(forecast(figures(100, 20), term, '2027-01-01')).toMatchObject({
      status: 'on_track',
      pacePerYear: 20,
    });
    // One year in, 10 of 100: 50 by the end at this pace; 22.5 a year are needed.
    const behind = forecast(figures(100, 10), term, '2027-01-01');
    expect(behind).toMatchObject({ status: 'behind', projectedAtTermEnd: 50, neededPerYear: 22.5 });
    expect(behind.label).toContain('无法完成');
    expect(forecast(figures(100, 100), term, '2027-01-01').status).toBe('complete');
    expect(forecast(figures(100, 0), null, '2027-01-01').status).toBe('no_term');
  });
});
