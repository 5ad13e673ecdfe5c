import { Text } from '@liandong/common';
import { Inspection, Person, Secondment } from '../entities';
import { planningRefusal } from '../planning.errors';

export interface TeamShape {
  leaderId: string;
  deputyLeaderId?: string;
  memberIds: string[];
}

/**
 * One role per person on a team: the deputy leader is not the leader, and the members are
 * neither of them nor anyone twice. Refused (400) rather than silently shrinking the team.
 */
export function checkTeamRoles(team: TeamShape): void {
  const overlap = (zh: string, en: string) =>
    planningRefusal('TEAM_ROLES_OVERLAP', { zh: `${zh}。每人在巡察组中只能担任一个角色`, en }, 400);
  if (team.deputyLeaderId && team.deputyLeaderId === team.leaderId)
    throw overlap(
      '副组长（deputyLeaderId）与组长（leaderId）是同一人，请另选副组长，或不设副组长',
      'deputyLeaderId is the leader; choose another deputy leader or leave it out',
    );
  if (team.memberIds.includes(team.leaderId))
    throw overlap(
      '组长（leaderId）同时列在了组员（memberIds）中，请从组员中删去组长',
      'the leader (leaderId) is also listed in memberIds; remove the leader from the members',
    );
  if (team.deputyLeaderId && team.memberIds.includes(team.deputyLeaderId))
    throw overlap(
      '副组长（deputyLeaderId）同时列在了组员（memberIds）中，请从组员中删去副组长',
      'the deputy leader (deputyLeaderId) is also listed in memberIds; remove them from the members',
    );
  const twice = team.memberIds.filter((m, i) => team.memberIds.indexOf(m) !== i);
  if (twice.length > 0)
    throw overlap(
      `组员（memberIds）中编号为 ${[...new Set(twice)].join('、')} 的人员列了不止一次，请只列一次`,
      `memberIds lists ${[...new Set(twice)].join(', ')} more than once`,
    );
}

/**
 * A seconded person serves only within the secondment's dates: why `person` may not serve
 * on the inspection (OUTSIDE_SECONDMENT), or nothing when the secondment covers its window.
 */
export function outsideSecondment(
  person: Person,
  secondment: Secondment | null,
  inspection: Inspection,
  lender: string,
): Text | null {
  if (
    secondment &&
    secondment.startsOn <= inspection.windowStart &&
    secondment.endsOn >= inspection.windowEnd
  )
    return null;
  return {
    zh: `${person.name}是从${lender}借调来的，借调期${secondment ? `为 ${secondment.startsOn} 至 ${secondment.endsOn}` : '不明'}，没有覆盖该巡察的时段 ${inspection.windowStart} 至 ${inspection.windowEnd}。请另选人员，或请借出方另行办理覆盖该时段的借调`,
    en: `${person.name} is seconded from ${person.lentBy} only for ${secondment?.startsOn}–${secondment?.endsOn}, which does not cover the inspection window ${inspection.windowStart}–${inspection.windowEnd}`,
  };
}
