import { Injectable } from '@nestjs/common';
import { Principal } from '@liandong/access';
import { TeamRoles } from '@liandong/planning';
import type { TeamRole } from '@liandong/planning';
import { EntityManager } from 'typeorm';
import { rectificationRefusal } from './rectification.errors';

const TEAM_ROLE_LABELS: Record<TeamRole, string> = {
  leader: '组长',
  deputy_leader: '副组长',
  member: '成员',
};

/** Who on an inspection's team a signed-in user is: their person record names their account. */
@Injectable()
export class TeamAccess {
  constructor(private readonly teams: TeamRoles) {}

  roleOf(manager: EntityManager, inspectionId: string, username: string): Promise<TeamRole | null> {
    return this.teams.roleOf(manager, inspectionId, username);
  }

  /** The inspection office and the leading group see every inspection's work; others only their team's. */
  async requireTeamOrOffice(
    manager: EntityManager,
    inspectionId: string,
    user: Principal,
  ): Promise<void> {
    if (user.roles.some((r) => r === 'inspection_office' || r === 'leading_group')) return;
    await this.require(manager, inspectionId, user);
  }

  /** The user's team role, refused (403) unless it is one of `allowed` (any role when omitted). */
  async require(
    manager: EntityManager,
    inspectionId: string,
    user: Principal,
    allowed?: TeamRole[],
  ): Promise<TeamRole> {
    const role = await this.roleOf(manager, inspectionId, user.username);
    if (!role)
      throw rectificationRefusal(
        'NOT_ON_TEAM',
        {
          zh: `您（账号 ${user.username}）不在这项巡察的巡察组中，不能办理此事项。如您是组员，请巡视巡察办在干部人才库中为您的人员记录填写登录账号`,
          en: `${user.username} is not on the team of inspection ${inspectionId}; the office links a person to an account with the username field of the personnel pool`,
        },
        403,
      );
    if (allowed && !allowed.includes(role))
      throw rectificationRefusal(
        'WRONG_TEAM_ROLE',
        {
          zh: `此步骤须由本巡察组的${allowed.map((r) => TEAM_ROLE_LABELS[r]).join('或')}办理，您在组内是${TEAM_ROLE_LABELS[role]}`,
          en: `this step is for the team's ${allowed.join(' or ')}; ${user.username} is ${role}`,
        },
        403,
      );
    return role;
  }
}
