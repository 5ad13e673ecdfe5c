import { findOrFail } from '@liandong/common';
import { Inject, Injectable } from '@nestjs/common';
import { InspectionEscalatedV1, nodeAudience } from '@liandong/protocol';
import {
  AuditService,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
  OutboxService,
} from '@liandong/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { Inspection, Organization, Round } from '../../entities';
import { planningRefusal } from '../../planning.errors';
import { OrganizationView } from '../../registry/registry.dto';
import { RemoteRegistry } from '../../registry/remote-registry';
import { roundShape } from '../../rounds/round.mapper';
import { findRoundOrFail } from '../../rounds/round.repository';
import { InspectionFactory } from '../inspection.factory';
import { InspectionView } from '../inspection.dto';
import { mapInspection } from '../inspection.mapper';
import { insertInspections, openClash, openInRound } from '../inspection.repository';

export interface ScheduleCommand {
  organizationCode: string;
  /** The node whose registry holds the organization; a descendant's makes it escalated. */
  ownerNode?: string;
}

/**
 * Schedules an inspection in a round: of an own organization (none of another node's
 * inspections of it in the window, not twice in the round), or an escalated one (提级巡察) of
 * an organization picked from a descendant's registry, which that node then accepts or refuses.
 */
@Injectable()
export class ScheduleInspection {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly names: NodeNames,
    private readonly remote: RemoteRegistry,
    private readonly factory: InspectionFactory,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  private get self(): string {
    return this.options.identity.nodeId;
  }

  /**
   * An escalation asks the owner's registry first (outside the transaction), so that both
   * nodes hold the same name and category.
   */
  async execute(roundId: string, command: ScheduleCommand, actor: string): Promise<InspectionView> {
    const owner = command.ownerNode ?? this.self;
    const picked =
      owner === this.self ? undefined : await this.remote.pick(owner, command.organizationCode);
    const inspection = await this.dataSource.transaction((manager) =>
      this.inTransaction(manager, roundId, command, actor, picked),
    );
    return mapInspection(inspection, this.names);
  }

  /** Schedules in the caller's transaction (a follow-up opened from rectification), audited. */
  async inTransaction(
    manager: EntityManager,
    roundId: string,
    command: ScheduleCommand,
    actor: string,
    picked?: OrganizationView,
  ): Promise<Inspection> {
    const round = await findRoundOrFail(manager, roundId);
    const owner = command.ownerNode ?? this.self;
    if (owner !== this.self && picked?.code !== command.organizationCode)
      throw new Error('an escalation is scheduled by execute(), which reads the owner’s registry');
    const inspection = picked
      ? await this.escalated(manager, round, owner, picked)
      : await this.own(manager, round, command.organizationCode);
    await this.audit.record(manager, {
      actor,
      action: inspection.mode === 'escalated' ? 'inspection.escalated' : 'inspection.scheduled',
      subjectType: 'inspection',
      subjectId: inspection.id,
      detail: {
        roundId,
        ownerNode: owner,
        organizationCode: inspection.organizationCode,
        organizationName: inspection.organizationName,
      },
    });
    return inspection;
  }

  private async own(manager: EntityManager, round: Round, code: string): Promise<Inspection> {
    const org = await findOrFail(manager, Organization, { code }, () =>
      planningRefusal(
        'ORGANIZATION_NOT_FOUND',
        {
          zh: `${this.names.label(this.self)}的对象库中没有代码为 ${code} 的党组织，请先在本级对象库中登记（导入对象库文件），或检查代码`,
          en: `organization ${code} is not in this node's registry; import it first (POST /organizations/import) or check the code`,
        },
        404,
      ),
    );
    const window = { start: round.windowStart, end: round.windowEnd };
    const clash = await openClash(manager, this.self, [code], window, ['hosted']);
    if (clash) {
      const how = clash.mode === 'escalated' ? '提级巡察' : '交叉巡察';
      throw planningRefusal(
        clash.mode === 'escalated' ? 'ESCALATED_BY_ANCESTOR' : 'UNDER_CROSS_INSPECTION',
        {
          zh: `${org.name}在 ${clash.windowStart} 至 ${clash.windowEnd} 已由${this.names.label(clash.conductingNode)}${how}，同一时段内不能再安排本级巡察。请改选其他对象，或把本轮次安排在该巡察结束之后`,
          en: `${org.name} is already under ${clash.mode} inspection by node ${clash.conductingNode} (${how}, ${clash.windowStart}–${clash.windowEnd}); a second inspection of it in this window is not allowed`,
        },
      );
    }
    const duplicate = await openInRound(manager, round.id, this.self, code);
    if (duplicate)
      throw planningRefusal('ALREADY_SCHEDULED', {
        zh: `${org.name}已在本轮次中安排了巡察，不能重复安排（巡察编号 ${duplicate.id}）`,
        en: `${org.name} is already scheduled in this round (inspection ${duplicate.id})`,
      });
    const inspection = this.factory.conducted(round, {
      mode: 'own',
      ownerNode: this.self,
      organizationCode: org.code,
      organizationName: org.name,
      organizationCategory: org.category,
      status: 'planned',
    });
    await insertInspections(manager, inspection);
    return inspection;
  }

  private async escalated(
    manager: EntityManager,
    round: Round,
    owner: string,
    picked: OrganizationView,
  ): Promise<Inspection> {
    const inspection = this.factory.conducted(round, {
      mode: 'escalated',
      ownerNode: owner,
      organizationCode: picked.code,
      organizationName: picked.name,
      organizationCategory: picked.category,
      status: 'requested',
    });
    const payload: InspectionEscalatedV1 = {
      inspectionId: inspection.id,
      round: roundShape(round),
      organizationCode: picked.code,
    };
    const envelope = await this.outbox.emit(manager, {
      type: InspectionEscalatedV1.type,
      audience: nodeAudience(owner),
      payload,
    });
    inspection.eventId = envelope.id;
    await insertInspections(manager, inspection);
    return inspection;
  }
}
