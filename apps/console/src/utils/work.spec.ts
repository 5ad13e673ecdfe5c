import { describe, expect, it } from 'vitest';
import { daysLeftText, LEVEL_STYLES, workLink } from './work';

describe('daysLeftText', () => {
  it('counts the days left before the due day', () => {
    expect(daysLeftText(3)).toBe('还剩 3 天');
    expect(daysLeftText(1)).toBe('还剩 1 天');
  });

  it('says an item is due today', () => {
    expect(daysLeftText(0)).toBe('今天到期');
  });

  it('counts the days overdue without a minus sign', () => {
    expect(daysLeftText(-2)).toBe('已逾期 2 天');
  });

  it('says nothing for an item without a due day', () => {
    expect(daysLeftText(null)).toBe('');
  });
});

describe('workLink', () => {
  const subjectId = '5b1d0c1e-0d64-4d5e-9d7e-3c1f6c2a9b10';

  it('links a directive to its page', () => {
    expect(workLink({ subjectType: 'directive', subjectId })).toBe(`/directives/${subjectId}`);
  });

  it('links a referral and a rectification (a report to sign is on its rectification’s page)', () => {
    expect(workLink({ subjectType: 'referral', subjectId })).toBe(`/referrals/${subjectId}`);
    expect(workLink({ subjectType: 'rectification', subjectId })).toBe(
      `/rectifications/${subjectId}`,
    );
  });

  it('has no page of its own for a progress report', () => {
    expect(workLink({ subjectType: 'progress_report', subjectId })).toBeNull();
    expect(workLink({ subjectType: 'oversight_recommendation', subjectId })).toBeNull();
  });
});

describe('LEVEL_STYLES', () => {
  it('colours the three levels red, yellow and green', () => {
    expect(LEVEL_STYLES.overdue.tag).toBe('danger');
    expect(LEVEL_STYLES.due_soon.tag).toBe('warning');
    expect(LEVEL_STYLES.normal.tag).toBe('success');
  });
});
