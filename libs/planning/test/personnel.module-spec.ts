import { PersonnelQueries } from '../src/personnel/personnel.queries';
import { JINGXING, PlanningFixture, refusal } from './planning.fixture';

/**
 * 干部人才库 on a county (AddPerson): posts with their dates in order, a person linked only to
 * an account this node has, and to one person only — nothing stored when refused.
 */
describe('the personnel pool (AddPerson)', () => {
  const node = new PlanningFixture(JINGXING);
  beforeAll(() => node.start());
  afterAll(() => node.stop());

  const post = {
    nodeId: JINGXING,
    unitCode: `${JINGXING}-001`,
    unitName: '党委办公室',
    title: '科员',
  };

  it('keeps a person’s posts, one still held without an end', async () => {
    const added = await node.addPerson({
      name: '陈一',
      sourceBody: 'organization',
      posts: [
        { ...post, from: '2015-01-01', to: '2016-12-31' },
        { ...post, from: '2019-01-01' },
      ],
    });
    expect(added).toMatchObject({
      name: '陈一',
      sourceBody: 'organization',
      sourceBodyLabel: '组织部门',
      lentBy: null,
    });
    expect((await node.get(PersonnelQueries).person(added.id)).posts.map((p) => p.to)).toEqual([
      '2016-12-31',
      null,
    ]);
  });

  it('refuses a post that ends before it begins, naming the post in both languages, and stores nothing', async () => {
    const before = await node.stored();
    const refused = await refusal(
      node.addPerson({
        name: '吴十',
        posts: [
          { ...post, from: '2015-01-01', to: '2016-12-31' },
          { ...post, from: '2019-01-01', to: '2018-06-30' },
        ],
      }),
    );
    expect(refused).toMatchObject({ code: 'DATES_OUT_OF_ORDER', status: 400 });
    expect(refused.text.zh).toContain('任职经历第 2 条的结束日期（posts[1].to）2018-06-30');
    expect(refused.text.en).toContain('posts[1].to');
    expect(await node.stored()).toEqual(before);
  });

  it('links a person to an account of this node only, and an account to one person only', async () => {
    const before = await node.stored();
    const unknown = await refusal(node.addPerson({ name: '郑十一', username: 'no-such-account' }));
    expect(unknown).toMatchObject({ code: 'UNKNOWN_ACCOUNT', status: 422 });
    expect(unknown.text.zh).toContain(`井陉县（${JINGXING}）没有账号 no-such-account`);
    expect(await node.stored()).toEqual(before);

    const username = await node.account();
    const linked = await node.addPerson({ name: '郑十一', username });
    expect(linked.username).toBe(username);
    const taken = await refusal(node.addPerson({ name: '冒名者', username }));
    expect(taken).toMatchObject({ code: 'USERNAME_TAKEN' });
    expect(taken.text.zh).toContain(username);
    expect(
      (await node.get(PersonnelQueries).people()).filter((p) => p.username === username),
    ).toHaveLength(1);
  });
});
