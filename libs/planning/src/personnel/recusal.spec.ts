import { RecusalSubject, recusalsFor } from './recusal';

describe('recusal (回避)', () => {
  const target = {
    ownerNode: '130123',
    organizationCode: '91130123MA0000001X',
    organizationName: '正定县某局党组',
    windowStart: '2027-03-01',
  };
  const base: RecusalSubject = {
    id: 'p1',
    name: '张三',
    homeJurisdiction: '130121',
    homeUnitCode: '91130121MA0000009Y',
    homeUnitName: '井陉县纪委监委',
    posts: [],
    relations: [],
  };
  const rules = (subject: RecusalSubject, conductingNode = '130121', recentPostYears = 3) =>
    recusalsFor(subject, target, { conductingNode, recentPostYears }).map((r) => r.rule);

  it('lets a person with no tie to the target inspect it', () => {
    expect(rules(base)).toEqual([]);
  });

  it('recuses a person from their home unit', () => {
    expect(rules({ ...base, homeUnitCode: target.organizationCode })).toEqual(['home_unit']);
  });

  it('recuses a person from their home jurisdiction only when inspecting it from outside', () => {
    const local = { ...base, homeJurisdiction: '130123' };
    expect(rules(local, '130121')).toEqual(['home_jurisdiction']);
    expect(rules(local, '130100')).toEqual(['home_jurisdiction']);
    expect(rules(local, '130123')).toEqual([]);
  });

  it('recuses a person who served at the target within the configured years, counted back from the window', () => {
    const post = (to: string | null) => ({
      ...base,
      posts: [
        {
          unitCode: target.organizationCode,
          unitName: '某局',
          title: '副局长',
          from: '2015-01-01',
          to,
        },
      ],
    });
    expect(rules(post(null))).toEqual(['recent_post']);
    expect(rules(post('2024-03-01'))).toEqual(['recent_post']);
    expect(rules(post('2024-02-29'))).toEqual([]);
    expect(rules(post('2022-06-30'), '130121', 5)).toEqual(['recent_post']);
    const reason = recusalsFor(post('2024-06-30'), target, {
      conductingNode: '130121',
      recentPostYears: 3,
    })[0].reason;
    expect(reason).toContain('副局长');
    expect(reason).toContain('3 年');
  });

  it('recuses a person whose declared relative holds a post at the target, naming the relation', () => {
    const withRelative = {
      ...base,
      relations: [
        { name: '李四', relation: '配偶', unitCode: target.organizationCode, unitName: '某局' },
      ],
    };
    const [recusal] = recusalsFor(withRelative, target, {
      conductingNode: '130121',
      recentPostYears: 3,
    });
    expect(recusal).toMatchObject({ rule: 'relative', personId: 'p1' });
    expect(recusal.reason).toContain('配偶李四');
  });

  it('reports every rule that applies, not just the first', () => {
    expect(
      rules({
        ...base,
        homeJurisdiction: '130123',
        homeUnitCode: target.organizationCode,
        relations: [
          { name: '王五', relation: '子女', unitCode: target.organizationCode, unitName: '某局' },
        ],
      }),
    ).toEqual(['home_unit', 'home_jurisdiction', 'relative']);
  });
});
