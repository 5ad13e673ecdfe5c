import { InspectionQueries } from '../src/inspections/inspection.queries';
import { FormTeam } from '../src/inspections/use-cases/form-team.usecase';
import { JINGXING, OFFICE, PlanningFixture, refusal, WINDOW, ZHENGDING } from './planning.fixture';
import { borrow, crossVisit } from './tree-events';

/**
 * 组建巡察组 on a county: one role per person, no one recused (回避) for the target, a
 * seconded person only within the secondment — and a refused team changes nothing.
 */
describe('forming a team (FormTeam)', () => {
  // Two years of recusal after a post, not the default three: the rule reads the setting.
  const node = new PlanningFixture(JINGXING, { recentPostYears: 2 });
  beforeAll(() => node.start());
  afterAll(() => node.stop());

  const form = (
    id: string,
    team: { leaderId: string; deputyLeaderId?: string; memberIds: string[] },
  ) => node.get(FormTeam).execute(id, team, OFFICE);
  const teamOf = async (id: string) => (await node.get(InspectionQueries).detail(id)).team;

  /** A post at the target, ending on `to` (the window starts on 2027-01-04). */
  const postAt = (code: string, to: string | null) => ({
    nodeId: JINGXING,
    unitCode: code,
    unitName: '目标单位',
    title: '副主任',
    from: '2018-01-01',
    to,
  });

  it('refuses a person whose relative holds a post at the target, naming the relative, and stores no team', async () => {
    const inspection = await node.ownInspection();
    const related = await node.addPerson({
      name: '钱七',
      relations: [
        {
          name: '孙八',
          relation: '配偶',
          nodeId: JINGXING,
          unitCode: inspection.organizationCode,
          unitName: '目标单位',
        },
      ],
    });
    const before = await node.stored();
    const refused = await refusal(form(inspection.id, { leaderId: related.id, memberIds: [] }));
    expect(refused).toMatchObject({ code: 'RECUSAL', status: 409 });
    expect(refused.text.zh).toContain('钱七的配偶孙八');
    expect(refused.text.en).toContain('[relative]');
    // The refused person is named as a field, so that the console shows the reason beside them.
    expect(refused.fields).toEqual([
      {
        field: related.id,
        label: '钱七',
        problems: [expect.stringContaining('钱七的配偶孙八')],
        problemsEn: [expect.stringContaining('[relative]')],
      },
    ]);
    expect(await teamOf(inspection.id)).toEqual([]);
    expect(await node.stored()).toEqual(before);
  });

  it('refuses a post at the target within the configured years before the window, not one left earlier', async () => {
    const inspection = await node.ownInspection();
    const code = inspection.organizationCode;
    const recent = await node.addPerson({ name: '周九', posts: [postAt(code, '2025-06-30')] });
    const held = await node.addPerson({ name: '吴十', posts: [postAt(code, null)] });
    // Left 2024-12-31: more than two years before 2027-01-04 (within three, the default).
    const earlier = await node.addPerson({ name: '郑十一', posts: [postAt(code, '2024-12-31')] });
    for (const [person, text] of [
      [recent, '周九于 2018-01-01 至 2025-06-30'],
      [held, '吴十于 2018-01-01 至 今'],
    ] as const) {
      const refused = await refusal(
        form(inspection.id, { leaderId: earlier.id, memberIds: [person.id] }),
      );
      expect(refused).toMatchObject({ code: 'RECUSAL' });
      expect(refused.text.zh).toContain(text);
      expect(refused.text.zh).toContain('未满 2 年');
      expect(refused.text.en).toContain('[recent_post]');
    }
    expect(await teamOf(inspection.id)).toEqual([]);
    const formed = await form(inspection.id, { leaderId: earlier.id, memberIds: [] });
    expect(formed.team).toEqual([expect.objectContaining({ role: 'leader', name: '郑十一' })]);
  });

  it('refuses a person who works at the target itself', async () => {
    const inspection = await node.ownInspection();
    const insider = await node.addPerson({
      name: '王五',
      homeUnitCode: inspection.organizationCode,
    });
    const refused = await refusal(form(inspection.id, { leaderId: insider.id, memberIds: [] }));
    expect(refused).toMatchObject({ code: 'RECUSAL' });
    expect(refused.text.en).toContain('[home_unit]');
  });

  it('refuses a person from the inspected jurisdiction on a cross inspection, though they may inspect at home', async () => {
    const { inspectionId } = await crossVisit(node, ZHENGDING);
    const local = await node.addPerson({ name: '李四', homeJurisdiction: ZHENGDING });
    const leader = await node.addPerson();
    const refused = await refusal(
      form(inspectionId, { leaderId: leader.id, memberIds: [local.id] }),
    );
    expect(refused).toMatchObject({ code: 'RECUSAL' });
    expect(refused.text.zh).toContain(`李四来自被巡察地区 ${ZHENGDING}`);
    expect(refused.text.en).toContain('[home_jurisdiction]');
    expect(await teamOf(inspectionId)).toEqual([]);
    // The rule is about inspecting a jurisdiction from outside; an own inspection is not that.
    const own = await node.ownInspection();
    const mine = await node.addPerson({ homeJurisdiction: JINGXING });
    await expect(form(own.id, { leaderId: mine.id, memberIds: [] })).resolves.toBeDefined();
  });

  it('gives each person one role: the deputy is not the leader, members are neither, nobody twice', async () => {
    const inspection = await node.ownInspection();
    const [leader, deputy, member] = [
      await node.addPerson(),
      await node.addPerson(),
      await node.addPerson(),
    ];
    const before = await node.stored();
    for (const [team, field] of [
      [
        { leaderId: leader.id, deputyLeaderId: leader.id, memberIds: [member.id] },
        'deputyLeaderId',
      ],
      [{ leaderId: leader.id, memberIds: [member.id, leader.id] }, 'leaderId'],
      [
        { leaderId: leader.id, deputyLeaderId: deputy.id, memberIds: [deputy.id, member.id] },
        'deputyLeaderId',
      ],
      [{ leaderId: leader.id, memberIds: [member.id, member.id] }, 'memberIds'],
    ] as const) {
      const refused = await refusal(
        form(inspection.id, { ...team, memberIds: [...team.memberIds] }),
      );
      expect(refused).toMatchObject({ code: 'TEAM_ROLES_OVERLAP', status: 400 });
      expect(refused.text.zh).toContain(field);
    }
    expect(await node.stored()).toEqual(before);
    const formed = await form(inspection.id, {
      leaderId: leader.id,
      deputyLeaderId: deputy.id,
      memberIds: [member.id],
    });
    expect(formed.team.map((m) => `${m.role}:${m.personId}`).sort()).toEqual(
      [`leader:${leader.id}`, `deputy_leader:${deputy.id}`, `member:${member.id}`].sort(),
    );
  });

  it('takes a seconded person within the secondment, not on an inspection outside its dates', async () => {
    const lent = await borrow(node, undefined, {
      startsOn: '2026-12-01',
      endsOn: WINDOW.windowEnd,
    });
    const leader = await node.addPerson();
    const within = await node.ownInspection();
    const formed = await form(within.id, { leaderId: leader.id, memberIds: [lent] });
    expect(formed.team).toContainEqual(
      expect.objectContaining({ personId: lent, lentBy: '130100', role: 'member' }),
    );

    const later = await node.round({ windowStart: '2027-03-01', windowEnd: '2027-04-30' });
    const outside = await node.ownInspection({ roundId: later.id });
    const refused = await refusal(form(outside.id, { leaderId: leader.id, memberIds: [lent] }));
    expect(refused).toMatchObject({ code: 'OUTSIDE_SECONDMENT' });
    expect(refused.text.zh).toContain('借调期为 2026-12-01 至 2027-03-31');
    expect(refused.text.zh).toContain('石家庄市（130100）');
    expect(await teamOf(outside.id)).toEqual([]);
  });

  it('refuses someone not in the pool, and keeps the team it had', async () => {
    const inspection = await node.ownInspection();
    const leader = await node.addPerson();
    await form(inspection.id, { leaderId: leader.id, memberIds: [] });
    const stranger = '01890000-0000-7000-8000-000000000000';
    const refused = await refusal(
      form(inspection.id, { leaderId: leader.id, memberIds: [stranger] }),
    );
    expect(refused).toMatchObject({ code: 'PERSON_NOT_FOUND', status: 404 });
    expect(refused.text.zh).toContain(stranger);
    expect(await teamOf(inspection.id)).toEqual([expect.objectContaining({ personId: leader.id })]);
  });

  it('replaces the team while the inspection is planned, and locks it after feedback', async () => {
    const inspection = await node.ownInspection();
    const [first, second] = [await node.addPerson(), await node.addPerson()];
    await form(inspection.id, { leaderId: first.id, memberIds: [] });
    const replaced = await form(inspection.id, { leaderId: second.id, memberIds: [first.id] });
    expect(replaced.team.map((m) => m.role).sort()).toEqual(['leader', 'member']);
    await node.feedBack(inspection.id);
    const refused = await refusal(form(inspection.id, { leaderId: first.id, memberIds: [] }));
    expect(refused).toMatchObject({ code: 'TEAM_LOCKED' });
    expect(refused.text.zh).toContain('已反馈');
  });
});
