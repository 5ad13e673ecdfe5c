import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { AuditService, Clock } from '@liandong/messaging';
import { InspectionDirectory, STATUS_LABELS } from '@liandong/planning';
import { uuidv7 } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { FindingDto } from '../../dto/finding.dto';
import { FindingView } from '../../dto/finding.views';
import { Finding } from '../../entities';
import { TeamAccess } from '../../team-access';
import { mapFinding } from '../finding.mapper';
import { rectificationRefusal } from '../../rectification.errors';
import { insertFinding } from '../finding.repository';

const INSPECTION_ROLE_LABELS: Record<string, string> = {
  conducting: '本节点开展的巡察',
  hosted: '其他节点巡察本节点的对象',
  reported: '本节点仅获知结果的巡察',
};

/** 起草: a member of the team drafts a finding of an inspection this node is carrying out. */
@Injectable()
export class DraftFinding {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inspections: InspectionDirectory,
    private readonly team: TeamAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(inspectionId: string, dto: FindingDto, user: Principal): Promise<FindingView> {
    const finding = await this.dataSource.transaction(async (manager) => {
      const inspection = await this.inspections.get(manager, inspectionId);
      if (inspection.role !== 'conducting' || inspection.status !== 'planned')
        throw rectificationRefusal('NOT_UNDER_WAY', {
          zh: `这项巡察（${INSPECTION_ROLE_LABELS[inspection.role] ?? inspection.role}，${STATUS_LABELS[inspection.status] ?? inspection.status}）不是本节点巡察组正在开展的巡察，不能起草问题。只有本节点已安排、尚未反馈的巡察才能起草问题`,
          en: `inspection ${inspectionId} is not one this node's team is carrying out (${inspection.role}, ${inspection.status})`,
        });
      await this.team.require(manager, inspectionId, user);
      const now = this.clock.now();
      const finding = manager.create(Finding, {
        id: uuidv7(now.getTime()),
        inspectionId,
        title: dto.title,
        facts: dto.facts,
        basis: dto.basis ?? null,
        category: dto.category ?? null,
        status: 'drafted',
        draftedBy: user.username,
        checkedBy: null,
        signedBy: null,
        createdAt: now,
        returnedReason: null,
        returnedBy: null,
        returnedAt: null,
        withdrawnReason: null,
        withdrawnBy: null,
        withdrawnAt: null,
      });
      await insertFinding(manager, finding);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'finding.drafted',
        subjectType: 'finding',
        subjectId: finding.id,
        detail: { inspectionId, title: finding.title },
      });
      return finding;
    });
    return mapFinding(finding);
  }
}
