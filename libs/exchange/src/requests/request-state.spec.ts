import { requestState } from './request-state';

describe('requestState', () => {
  const answerBy = '2026-11-30';
  it('is open through the due day in Beijing time, overdue the day after', () => {
    expect(requestState({ answerBy, answeredAt: null }, new Date('2026-11-30T15:59:59Z'))).toBe(
      'open',
    );
    expect(requestState({ answerBy, answeredAt: null }, new Date('2026-11-30T16:00:00Z'))).toBe(
      'overdue',
    );
  });
  it('judges an answer by its own date, not by today', () => {
    const onTime = new Date('2026-11-30T15:00:00Z');
    const late = new Date('2026-11-30T16:30:00Z');
    const later = new Date('2027-03-01T00:00:00Z');
    expect(requestState({ answerBy, answeredAt: onTime }, later)).toBe('answered');
    expect(requestState({ answerBy, answeredAt: late }, later)).toBe('answered_late');
  });
});
