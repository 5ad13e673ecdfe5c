import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { needsNominee, nomineeChoices, secondmentAsk } from './secondment-nominee';

const person = (id: string, name: string, lentBy: string | null = null) =>
  ({ id, name, lentBy }) as Schemas['PersonView'];
const secondment = (fields: Partial<Schemas['SecondmentView']>) =>
  ({
    id: 'r',
    role: 'lending',
    status: 'requested',
    personId: null,
    personName: null,
    wanted: '审计干部 1 名',
    startsOn: '2027-01-01',
    endsOn: '2027-03-31',
    borrowingNodeLabel: '石家庄市（130100）',
    ...fields,
  }) as Schemas['SecondmentView'];

describe('nominating the person lent', () => {
  it('offers own people only, the free first, and says why one lent elsewhere then cannot go', () => {
    const people = [person('a', '甲'), person('b', '乙'), person('c', '丙', '130100')];
    const loans = [
      secondment({
        id: 'x',
        status: 'approved',
        personId: 'a',
        startsOn: '2027-03-01',
        endsOn: '2027-05-31',
        borrowingNodeLabel: '河北省（130000）',
      }),
      secondment({ id: 'y', status: 'approved', personId: 'b', startsOn: '2027-04-01' }),
    ];
    const choices = nomineeChoices(people, loans, secondment({}));
    expect(choices.map((c) => [c.person.name, c.busy])).toEqual([
      ['乙', null],
      ['甲', '2027年3月1日至2027年5月31日已借调至河北省（130000）'],
    ]);
  });

  it('does not count a declined or waiting request, nor the request itself', () => {
    const loans = [
      secondment({ id: 'x', status: 'declined', personId: 'a' }),
      secondment({ id: 'y', status: 'requested', personId: 'a' }),
      secondment({ id: 'r', status: 'approved', personId: 'a' }),
    ];
    expect(nomineeChoices([person('a', '甲')], loans, secondment({}))[0].busy).toBeNull();
  });

  it('says what was asked for, and whether the office must pick someone', () => {
    expect(secondmentAsk(secondment({}))).toBe('审计干部 1 名');
    expect(secondmentAsk(secondment({ wanted: null, personId: 'a', personName: '甲' }))).toBe(
      '指名借调甲',
    );
    expect(needsNominee(secondment({}))).toBe(true);
    expect(needsNominee(secondment({ personId: 'a' }))).toBe(false);
  });
});
