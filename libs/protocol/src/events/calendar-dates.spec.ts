import { payloadProblems } from './catalogue';

/** Days on the wire are judged as the HTTP API judges them: a day that does not exist is refused. */
describe('calendar days in event payloads', () => {
  const round = (windowStart: string) => ({
    roundId: '0193a1f2-7c4e-7000-8000-000000000001',
    type: 'regular',
    theme: '常规巡察',
    windowStart,
    windowEnd: '2027-03-31',
  });

  it('takes a day that exists', () => {
    expect(payloadProblems('round.linked.v1', round('2027-02-28'))).toEqual([]);
  });

  it.each(['2027-02-30', '2027-13-01', '2027-2-1', '2027-02-28T00:00:00Z'])('refuses %s', (day) => {
    expect(payloadProblems('round.linked.v1', round(day))).toEqual([
      expect.stringMatching(/^windowStart:/),
    ]);
  });
});
