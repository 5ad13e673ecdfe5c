import { Inject, Injectable } from '@nestjs/common';
import { InspectionHandedBackV1, nodeAudience } from '@liandong/protocol';
import {
  AuditService,
  Clock,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
  OutboxService,
} from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { STATUS_LABELS } from '../../labels';
import { planningRefusal } from '../../planning.errors';
import { HandBackDto, InspectionView } from '../inspection.dto';
import { mapInspection } from '../inspection.mapper';
import { lockConductedOrFail, updateInspection } from '../inspection.repository';

/**
 * 移交整改监督: after feedback on an escalated or cross inspection, supervision of the
 * rectification goes to the node that owns the organization.
 */
@Injectable()
export class HandBackSupervision {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async execute(id: string, dto: HandBackDto, actor: string): Promise<InspectionView> {
    const notes = dto.notes;
    const inspection = await this.dataSource.transaction(async (manager) => {
      const inspection = await lockConductedOrFail(manager, id);
      if (inspection.ownerNode === this.options.identity.nodeId)
        throw planningRefusal('OWN_ORGANIZATION', {
          zh: `${inspection.organizationName}是本级对象库中的党组织，整改监督由本级负责，无需移交。移交整改监督只用于提级巡察和交叉巡察`,
          en: 'this node owns the organization and supervises its rectification itself; hand-back is for escalated and cross inspections',
        });
      if (inspection.status !== 'feedback_given')
        throw planningRefusal('NO_FEEDBACK_YET', {
          zh: `对${inspection.organizationName}的巡察当前为“${STATUS_LABELS[inspection.status] ?? inspection.status}”，须在反馈之后才能把整改监督移交${this.names.label(inspection.ownerNode)}`,
          en: `inspection ${id} is ${inspection.status}; hand rectification back after feedback is given`,
        });
      const now = this.clock.now();
      await updateInspection(manager, id, {
        status: 'handed_back',
        handedBackAt: now,
        handBackNotes: notes,
      });
      const payload: InspectionHandedBackV1 = {
        inspectionId: id,
        handedBackAt: now.toISOString(),
        notes,
      };
      await this.outbox.emit(manager, {
        type: InspectionHandedBackV1.type,
        audience: nodeAudience(inspection.ownerNode),
        payload,
      });
      await this.audit.record(manager, {
        actor,
        action: 'inspection.handed_back',
        subjectType: 'inspection',
        subjectId: id,
        detail: { ownerNode: inspection.ownerNode },
      });
      return {
        ...inspection,
        status: 'handed_back' as const,
        handedBackAt: now,
        handBackNotes: notes,
      };
    });
    return mapInspection(inspection, this.names);
  }
}
