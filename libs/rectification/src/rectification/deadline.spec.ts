import { addMonths, alertLevels, daysBetween } from './deadline';

describe('rectification deadlines', () => {
  it('adds months on the calendar, the end of a month falling to the last day of a shorter one', () => {
    expect(addMonths('2026-11-30', 2)).toBe('2027-01-30');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-12-31', 2)).toBe('2027-02-28');
    expect(addMonths('2026-12-05', 3)).toBe('2027-03-05');
  });

  it('warns at 20 days left, then 10, then overdue the day after the due day', () => {
    const due = '2027-03-05';
    expect(daysBetween('2027-02-12', due)).toBe(21);
    expect(alertLevels(due, '2027-02-12')).toEqual([]);
    expect(alertLevels(due, '2027-02-13')).toEqual(['days_20']);
    expect(alertLevels(due, '2027-02-23')).toEqual(['days_20', 'days_10']);
    expect(alertLevels(due, '2027-03-05')).toEqual(['days_20', 'days_10']);
    expect(alertLevels(due, '2027-03-06')).toEqual(['days_20', 'days_10', 'overdue']);
  });
});
