import { Injectable } from '@nestjs/common';
import type { Principal } from '@liandong/access';
import { NodeNames } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { Inspection } from '../entities';
import { TEAM_ROLE_LABELS } from '../labels';
import { planningRefusal } from '../planning.errors';
import { RoundQuery } from '../rounds/round.dto';
import { InspectionDetailView, InspectionView, MyInspectionView } from './inspection.dto';
import { mapInspection, mapInspectionDetail } from './inspection.mapper';
import { findInspectionOrFail, listInspections } from './inspection.repository';
import { teamOf, teamRoleOf, teamsOf } from './team.repository';

/** The office, the leading group and viewers see every inspection; a team sees its own. */
const SEES_ALL = ['inspection_office', 'leading_group', 'viewer'];

@Injectable()
export class InspectionQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly names: NodeNames,
  ) {}

  async list(query: RoundQuery): Promise<InspectionView[]> {
    const inspections = await listInspections(this.dataSource.manager, query.roundId);
    await this.learnNames(inspections);
    return inspections.map((i) => mapInspection(i, this.names));
  }

  /** An inspection this node holds in any role, with its team. */
  async detail(id: string): Promise<InspectionDetailView> {
    const manager = this.dataSource.manager;
    const inspection = await findInspectionOrFail(manager, id);
    await this.learnNames([inspection]);
    return mapInspectionDetail(inspection, await teamOf(manager, id), this.names);
  }

  /**
   * A cross inspection's visitor is off this node's line (a sibling county): its name comes
   * from its verified certificate, so the view says 井陉县 rather than 130121.
   */
  private learnNames(inspections: Inspection[]): Promise<void> {
    return this.names.learn(inspections.flatMap((i) => [i.ownerNode, i.conductingNode]));
  }

  /** The same for a signed-in person: a member of a team (no office role) sees only their own. */
  async detailFor(id: string, user: Principal): Promise<InspectionDetailView> {
    const manager = this.dataSource.manager;
    await findInspectionOrFail(manager, id);
    if (
      !user.roles.some((r) => SEES_ALL.includes(r)) &&
      !(await teamRoleOf(manager, id, user.username))
    )
      throw planningRefusal(
        'NOT_ON_TEAM',
        {
          zh: `您（账号 ${user.username}）不在这项巡察的巡察组中，不能查看。如您是组员，请巡视巡察办在干部人才库中为您的人员记录填写登录账号`,
          en: `${user.username} is not on the team of inspection ${id}`,
        },
        403,
      );
    return this.detail(id);
  }

  /** 我的巡察: the inspections whose team the person linked to this account is on. */
  async mine(username: string): Promise<MyInspectionView[]> {
    const manager = this.dataSource.manager;
    const teams = await teamsOf(manager, username);
    const views: MyInspectionView[] = [];
    for (const { inspectionId, role } of teams) {
      const inspection = await findInspectionOrFail(manager, inspectionId);
      views.push({
        ...mapInspection(inspection, this.names),
        teamRole: role,
        teamRoleLabel: TEAM_ROLE_LABELS[role],
      });
    }
    return views.sort((a, b) => b.windowStart.localeCompare(a.windowStart));
  }
}
