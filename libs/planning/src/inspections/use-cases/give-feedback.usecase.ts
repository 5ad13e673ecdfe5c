import { Inject, Injectable } from '@nestjs/common';
import {
  Audience,
  FeedbackProblemV1,
  InspectionFeedbackGivenV1,
  nodeAudience,
} from '@liandong/protocol';
import {
  AuditService,
  Clock,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
  OutboxService,
} from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { findCrossOrder } from '../../cross/cross-order.repository';
import { STATUS_LABELS } from '../../labels';
import { planningRefusal } from '../../planning.errors';
import { roundOf } from '../../rounds/round.repository';
import { FeedbackDto, InspectionView } from '../inspection.dto';
import { InspectionHooks } from '../inspection-hooks';
import { mapInspection } from '../inspection.mapper';
import { lockConductedOrFail, updateInspection } from '../inspection.repository';
import { OwnOrganizationFeedback } from '../own-organization-feedback';
import { leaderOf } from '../team.repository';

/**
 * 反馈: the inspection took place. Once, for a planned inspection with a team leader, after
 * the hooks (the report's decision) allow it; the organization's node, the ordering node and
 * the linked round's node are told, and coverage credit goes to the organization's own node.
 */
@Injectable()
export class GiveFeedback {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly hooks: InspectionHooks,
    private readonly ownOrganization: OwnOrganizationFeedback,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async execute(id: string, dto: FeedbackDto, actor: string): Promise<InspectionView> {
    const self = this.options.identity.nodeId;
    const summary = dto.summary;
    const inspection = await this.dataSource.transaction(async (manager) => {
      const inspection = await lockConductedOrFail(manager, id);
      if (inspection.status !== 'planned')
        throw planningRefusal('NOT_PLANNED', {
          zh: `对${inspection.organizationName}的巡察当前为“${STATUS_LABELS[inspection.status] ?? inspection.status}”。反馈只能对“已安排”的巡察作出，且只反馈一次`,
          en: `inspection ${id} is ${inspection.status}; feedback is given once, to a planned inspection`,
        });
      if (!(await leaderOf(manager, id)))
        throw planningRefusal('NO_TEAM', {
          zh: `对${inspection.organizationName}的巡察还没有组长，请先组建巡察组（PUT /inspections/${id}/team），再作反馈`,
          en: `inspection ${id} has no team leader; form the team (PUT /inspections/${id}/team) first`,
        });
      for (const hook of this.hooks.feedback) await hook.check?.(manager, inspection);
      const problems: FeedbackProblemV1[] = [];
      for (const hook of this.hooks.feedback)
        problems.push(...((await hook.problems?.(manager, inspection)) ?? []));
      const now = this.clock.now();
      inspection.status = 'feedback_given';
      inspection.feedbackAt = now;
      inspection.feedbackSummary = summary;
      await updateInspection(manager, id, {
        status: 'feedback_given',
        feedbackAt: now,
        feedbackSummary: summary,
      });
      const round = await roundOf(manager, inspection.roundId as string);
      const order = inspection.crossOrderId
        ? await findCrossOrder(manager, inspection.crossOrderId)
        : null;
      const payload: InspectionFeedbackGivenV1 = {
        inspectionId: id,
        mode: inspection.mode,
        roundId: round.id,
        parentRoundId: round.parentRoundId,
        crossOrderId: inspection.crossOrderId,
        ownerNode: inspection.ownerNode,
        organizationCode: inspection.organizationCode,
        organizationName: inspection.organizationName,
        organizationCategory: inspection.organizationCategory,
        feedbackAt: now.toISOString(),
        summary,
        problems,
      };
      const to = new Set<string>(
        [inspection.ownerNode, order?.orderingNode, round.parentNode].filter(
          (node): node is string => Boolean(node) && node !== self,
        ),
      );
      await this.outbox.emitMany(
        manager,
        [...to].map((node) => ({
          type: InspectionFeedbackGivenV1.type,
          audience: nodeAudience(node) as Audience,
          payload,
        })),
      );
      if (inspection.ownerNode === self)
        await this.ownOrganization.record(manager, inspection, problems);
      await this.audit.record(manager, {
        actor,
        action: 'inspection.feedback_given',
        subjectType: 'inspection',
        subjectId: id,
        detail: { told: [...to], organizationName: inspection.organizationName },
      });
      return inspection;
    });
    return mapInspection(inspection, this.names);
  }
}
