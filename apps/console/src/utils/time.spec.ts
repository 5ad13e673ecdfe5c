import { describe, expect, it } from 'vitest';
import { beijingToday, endOfBeijingDay, formatDate, formatDateTime, pickerDay } from './time';

describe('formatDateTime', () => {
  it('shows an instant in Beijing time', () => {
    expect(formatDateTime('2026-12-01T07:30:00Z')).toBe('2026年12月1日 15:30');
  });

  it('moves to the next Beijing day after 16:00 UTC', () => {
    expect(formatDateTime('2026-12-31T16:05:00Z')).toBe('2027年1月1日 00:05');
  });

  it('reads an offset given with the instant', () => {
    expect(formatDateTime('2026-03-09T08:00:00+08:00')).toBe('2026年3月9日 08:00');
  });

  it('shows a dash for nothing and an unreadable value as it is', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDateTime('')).toBe('—');
    expect(formatDateTime('不是时间')).toBe('不是时间');
  });
});

describe('formatDate', () => {
  it('shows a calendar date as it is, without leading zeros', () => {
    expect(formatDate('2027-01-20')).toBe('2027年1月20日');
    expect(formatDate('2026-10-05')).toBe('2026年10月5日');
  });

  it('does not shift a calendar date by the time zone', () => {
    // As an instant this would be midnight UTC; the calendar day must stay the 1st.
    expect(formatDate('2026-12-01')).toBe('2026年12月1日');
  });

  it('shows an instant as its day in Beijing', () => {
    expect(formatDate('2026-12-31T15:59:59.000Z')).toBe('2026年12月31日');
    expect(formatDate('2026-12-31T16:00:00.000Z')).toBe('2027年1月1日');
  });

  it('shows a dash for nothing and an unreadable value as it is', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate('')).toBe('—');
    expect(formatDate('下月')).toBe('下月');
  });
});

describe('beijingToday', () => {
  it('is still the same day in Beijing just before 16:00 UTC', () => {
    expect(beijingToday(new Date('2026-12-01T15:59:59Z'))).toBe('2026-12-01');
  });

  it('is already the next day in Beijing from 16:00 UTC', () => {
    expect(beijingToday(new Date('2026-12-01T16:00:00Z'))).toBe('2026-12-02');
  });

  it('turns the year in Beijing while it is still the old year in UTC', () => {
    // 2026-12-31 20:00 UTC is 2027-01-01 04:00 in Beijing: a new year there.
    expect(beijingToday(new Date('2026-12-31T20:00:00Z'))).toBe('2027-01-01');
  });

  it('pads month and day to two digits', () => {
    expect(beijingToday(new Date('2026-03-04T01:00:00Z'))).toBe('2026-03-04');
  });
});

describe('endOfBeijingDay', () => {
  it('is 23:59:59 in Beijing, 15:59:59 UTC of the same day', () => {
    expect(endOfBeijingDay('2026-12-01')).toBe('2026-12-01T15:59:59.000Z');
  });

  it('reads back as the same Beijing day', () => {
    const end = endOfBeijingDay('2027-01-20');
    expect(formatDateTime(end)).toBe('2027年1月20日 23:59');
    expect(beijingToday(new Date(end))).toBe('2027-01-20');
  });
});

describe('pickerDay', () => {
  it('gives a local date as YYYY-MM-DD', () => {
    expect(pickerDay(new Date(2026, 0, 5))).toBe('2026-01-05');
    expect(pickerDay(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31');
  });
});
