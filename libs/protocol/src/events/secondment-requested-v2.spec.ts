import { EVENT_CATALOGUE, payloadProblems } from './catalogue';

/** secondment.requested.v2: a description of the person wanted, or a person named, or both. */
describe('secondment.requested.v2', () => {
  const type = 'secondment.requested.v2';
  const base = {
    secondmentId: '0193a1f2-7c4e-7000-8000-000000000001',
    from: '2026-12-01',
    to: '2027-06-30',
    purpose: '上挂锻炼，参加本轮巡察',
  };
  const personId = '0193a1f2-7c4e-7000-8000-000000000002';
  /** The members a payload's problems are about (each problem reads `member: what is wrong`). */
  const refused = (payload: object) => [
    ...new Set(payloadProblems(type, payload).map((p) => p.split(':')[0])),
  ];

  it('is in the catalogue beside v1, travelling any way along the tree', () => {
    expect(EVENT_CATALOGUE.get(type)).toMatchObject({ direction: 'any', kind: 'event' });
    expect(EVENT_CATALOGUE.get('secondment.requested.v1')).toBeDefined();
  });

  it.each([
    ['a description only', { wanted: '纪检监察干部 1 名，熟悉财务审计' }],
    ['a description and a null person', { wanted: '审计干部 1 名', personId: null }],
    ['a person only', { personId }],
    ['a person with a null description', { personId, wanted: null }],
    ['both', { personId, wanted: '审计干部 1 名' }],
  ])('takes %s', (_, fields) => {
    expect(payloadProblems(type, { ...base, ...fields })).toEqual([]);
  });

  it.each([
    ['neither a person nor a description', {}],
    ['a null description and no person', { wanted: null }],
    ['a blank description', { wanted: '   ' }],
    ['a description over 200 characters', { wanted: '熟'.repeat(201) }],
    ['a blank description beside a person', { personId, wanted: '' }],
  ])('refuses %s', (_, fields) => {
    expect(refused({ ...base, ...fields })).toEqual(['wanted']);
  });

  it('refuses a person that is not a UUID, a missing purpose, a day that does not exist and unknown members', () => {
    expect(refused({ ...base, personId: '王五' })).toEqual(['personId']);
    expect(refused({ ...base, purpose: undefined, wanted: '审计干部' })).toEqual(['purpose']);
    expect(refused({ ...base, wanted: '审计干部', to: '2027-02-30' })).toEqual(['to']);
    expect(payloadProblems(type, { ...base, wanted: '审计干部', name: '王五' })).toEqual([
      expect.stringMatching(/name/),
    ]);
  });

  it('leaves v1 as it was: the person is required there', () => {
    expect(payloadProblems('secondment.requested.v1', { ...base, wanted: '审计干部' })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^personId:/)]),
    );
  });
});
