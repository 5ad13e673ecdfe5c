import { Injectable } from '@nestjs/common';
import { AuditService, Clock, NodeNames, OutboxService } from '@liandong/messaging';
import { nodeAudience, OversightRecommendationAnsweredV1 } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { Recommendation } from '../../entities';
import { AnswerRecommendationDto } from '../../engagements/engagement.dto';
import { mapRecommendation } from '../../engagements/engagement.mapper';
import { findEngagement } from '../../engagements/engagement.repository';
import { OversightRecommendationView } from '../../engagements/engagement.views';
import { requireOverseen } from '../../engagements/use-cases/overseeing';
import { oversightRefusal } from '../../oversight.errors';

/** The overseen node answers one recommendation with what it changed, and tells the overseeing node. */
@Injectable()
export class AnswerRecommendation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
  ) {}

  async execute(
    id: string,
    dto: AnswerRecommendationDto,
    actor: string,
  ): Promise<OversightRecommendationView> {
    const recommendation = await this.dataSource.transaction(async (manager) => {
      const recommendation = await manager.findOne(Recommendation, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!recommendation)
        throw oversightRefusal(
          'RECOMMENDATION_NOT_FOUND',
          {
            zh: `本节点没有这条督导意见（编号 ${id}）。请从督导详情中选择`,
            en: `there is no oversight recommendation ${id} on this node`,
          },
          404,
        );
      const engagement = await findEngagement(manager, recommendation.engagementId);
      requireOverseen(engagement, this.names);
      if (recommendation.answeredAt)
        throw oversightRefusal('RECOMMENDATION_ANSWERED', {
          zh: '这条督导意见已经答复，不能重复答复',
          en: `recommendation ${id} was answered already`,
        });
      const now = this.clock.now();
      const change = { answer: dto.answer, answeredAt: now, answeredBy: dto.answeredBy };
      Object.assign(recommendation, change);
      await manager.update(Recommendation, { id }, change);
      const payload: OversightRecommendationAnsweredV1 = {
        engagementId: engagement.id,
        recommendationId: id,
        answeredAt: now.toISOString(),
        answeredBy: dto.answeredBy,
        answer: dto.answer,
      };
      await this.outbox.emit(manager, {
        type: OversightRecommendationAnsweredV1.type,
        audience: nodeAudience(engagement.overseeingNode),
        payload,
      });
      await this.audit.record(manager, {
        actor,
        action: 'oversight.recommendation_answered',
        subjectType: 'oversight_recommendation',
        subjectId: id,
      });
      return recommendation;
    });
    return mapRecommendation(recommendation, this.clock.now());
  }
}
