import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@liandong/access';
import { Clock, MESSAGING_OPTIONS, MessagingOptions, NodeNames } from '@liandong/messaging';
import { TeamRoles } from '@liandong/planning';
import { DataSource } from 'typeorm';
import { InformationRequest } from '../entities';
import { exchangeRefusal } from '../exchange.errors';
import { mapRequest, mapRequestList } from './request.mapper';
import { InformationRequestListView, InformationRequestView } from './request.views';

@Injectable()
export class RequestQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly teams: TeamRoles,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  private get self(): string {
    return this.options.identity.nodeId;
  }

  private readonly label = (id: string) => this.names.label(id);

  /** What this node sent (outstanding, overdue, late) and what its bodies were asked. */
  async list(): Promise<InformationRequestListView> {
    const rows = await this.dataSource.manager.find(InformationRequest, {
      order: { requestedAt: 'ASC' },
    });
    return mapRequestList(
      rows.filter((r) => r.fromNode === this.self),
      rows.filter((r) => r.targetNode === this.self),
      this.clock.now(),
      this.label,
    );
  }

  /** The requests of one inspection this node sent: for its team, the office and the leading group. */
  async ofInspection(inspectionId: string, user: Principal): Promise<InformationRequestView[]> {
    const manager = this.dataSource.manager;
    const office = user.roles.some((r) => r === 'inspection_office' || r === 'leading_group');
    if (!office && !(await this.teams.roleOf(manager, inspectionId, user.username)))
      throw exchangeRefusal(
        'NOT_ON_TEAM',
        {
          zh: `您（账号 ${user.username}）不在这项巡察的巡察组中，不能查看其信息沟通请求`,
          en: `${user.username} is not on the team of inspection ${inspectionId}`,
        },
        403,
      );
    const rows = await manager.find(InformationRequest, {
      where: { inspectionId, fromNode: this.self },
      order: { requestedAt: 'ASC' },
    });
    const now = this.clock.now();
    return rows.map((r) => mapRequest(r, now, this.label));
  }
}
