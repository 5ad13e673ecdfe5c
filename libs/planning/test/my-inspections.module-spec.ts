import { InspectionQueries } from '../src/inspections/inspection.queries';
import { JINGXING, PlanningFixture, refusal } from './planning.fixture';

/**
 * 我的巡察: a team's people reach their inspections without an office role, each with their
 * role in the team; another team's inspection stays closed to them.
 */
describe('the inspections a team member sees', () => {
  const node = new PlanningFixture(JINGXING);
  beforeAll(() => node.start());
  afterAll(() => node.stop());

  const queries = () => node.get(InspectionQueries);

  it('lists the inspections of the teams an account is on, with its role in each', async () => {
    const [leader, deputy] = [await node.account(), await node.account()];
    const leaderPerson = await node.addPerson({ username: leader });
    const deputyPerson = await node.addPerson({ username: deputy });
    const first = await node.ownInspection();
    const second = await node.ownInspection();
    await node.team(first.id, { leaderId: leaderPerson.id, deputyLeaderId: deputyPerson.id });
    await node.team(second.id, { leaderId: deputyPerson.id });

    const led = await queries().mine(leader);
    expect(led.map((i) => [i.id, i.teamRole, i.teamRoleLabel])).toEqual([
      [first.id, 'leader', '组长'],
    ]);
    const both = await queries().mine(deputy);
    expect(new Map(both.map((i) => [i.id, i.teamRoleLabel]))).toEqual(
      new Map([
        [first.id, '副组长'],
        [second.id, '组长'],
      ]),
    );
    expect(await queries().mine(await node.account())).toEqual([]);
  });

  it('opens an inspection to its own team and to the office, and refuses another team’s member', async () => {
    const [member, stranger] = [await node.account(), await node.account()];
    const memberPerson = await node.addPerson({ username: member });
    await node.addPerson({ username: stranger });
    const inspection = await node.ownInspection();
    await node.team(inspection.id, { memberIds: [memberPerson.id] });

    const asMember = await queries().detailFor(inspection.id, node.person(member, 'team_member'));
    expect(asMember.team.map((t) => t.personId)).toContain(memberPerson.id);
    const asOffice = await queries().detailFor(
      inspection.id,
      node.person('office', 'inspection_office'),
    );
    expect(asOffice.id).toBe(inspection.id);
    const refused = await refusal(
      queries().detailFor(inspection.id, node.person(stranger, 'team_member')),
    );
    expect([refused.code, refused.status]).toEqual(['NOT_ON_TEAM', 403]);
    expect(refused.text.zh).toContain(stranger);
  });
});
