import { Injectable } from '@nestjs/common';
import { PolicyBook } from '@liandong/directives';
import { AuditService, Clock, NodeNames, OutboxService } from '@liandong/messaging';
import { chinaDate, nodeAudience, OversightEngagementClosedV1, uuidv7 } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { Engagement, Recommendation } from '../../entities';
import { OversightReporter } from '../../figures/oversight-reporter';
import {
  addDays,
  ANSWER_DAYS_POLICY,
  DEFAULT_ANSWER_DAYS,
} from '../../recommendations/answer-deadline';
import { oversightRefusal } from '../../oversight.errors';
import { CloseEngagementDto } from '../engagement.dto';
import { EngagementQueries } from '../engagement.queries';
import { lockEngagement } from '../engagement.repository';
import { EngagementDetailView } from '../engagement.views';
import { requireInChecklist, requireOpen, requireOverseeing } from './overseeing';

/**
 * 督导结束: the written assessment and the recommendations, each to be answered by the day
 * the policy in force on the closing day gives (`oversight.recommendation_answer_days`).
 */
@Injectable()
export class CloseEngagement {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly policies: PolicyBook,
    private readonly reporter: OversightReporter,
    private readonly queries: EngagementQueries,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
  ) {}

  async execute(id: string, dto: CloseEngagementDto, actor: string): Promise<EngagementDetailView> {
    await this.dataSource.transaction(async (manager) => {
      const engagement = await lockEngagement(manager, id);
      requireOverseeing(engagement, this.names);
      requireOpen(engagement);
      if (engagement.status !== 'acknowledged')
        throw oversightRefusal('NOT_ACKNOWLEDGED', {
          zh: `${this.names.label(engagement.overseenNode)}尚未签收这项指导督导，签收后才能结束督导并提出督导意见`,
          en: `${engagement.overseenNode} has not acknowledged engagement ${id} yet`,
        });
      requireInChecklist(
        engagement,
        dto.recommendations.map((r) => r.item),
      );
      const now = this.clock.now();
      const today = chinaDate(now);
      const policy = await this.policies.inForce(ANSWER_DAYS_POLICY, today, manager);
      const answerBy = addDays(today, policy?.value ?? DEFAULT_ANSWER_DAYS);
      const recommendations = dto.recommendations.map((r, i) =>
        manager.create(Recommendation, {
          id: uuidv7(now.getTime() + i),
          engagementId: id,
          item: r.item,
          text: r.text,
          answerBy,
          answer: null,
          answeredAt: null,
          answeredBy: null,
          overdueAt: null,
        }),
      );
      await manager.update(
        Engagement,
        { id },
        { status: 'closed', assessment: dto.assessment, closedAt: now },
      );
      if (recommendations.length > 0) await manager.insert(Recommendation, recommendations);
      const payload: OversightEngagementClosedV1 = {
        engagementId: id,
        closedAt: now.toISOString(),
        assessment: dto.assessment,
        recommendations: recommendations.map((r) => ({
          recommendationId: r.id,
          item: r.item,
          text: r.text,
          answerBy: r.answerBy,
        })),
      };
      await this.outbox.emit(manager, {
        type: OversightEngagementClosedV1.type,
        audience: nodeAudience(engagement.overseenNode),
        payload,
      });
      await this.reporter.report(manager);
      await this.audit.record(manager, {
        actor,
        action: 'oversight.engagement_closed',
        subjectType: 'oversight_engagement',
        subjectId: id,
        detail: { recommendations: recommendations.length, answerBy },
      });
    });
    return this.queries.detail(id);
  }
}
