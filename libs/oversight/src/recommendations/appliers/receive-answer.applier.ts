import { Injectable } from '@nestjs/common';
import { AuditService } from '@liandong/messaging';
import { OversightRecommendationAnsweredV1, RefusalError } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { Recommendation } from '../../entities';
import { heldWith } from '../../engagements/engagement.repository';
import { OversightReporter } from '../../figures/oversight-reporter';

/** The overseen node's answer to one recommendation, at the overseeing node: it closes there. */
@Injectable()
export class ReceiveAnswer {
  constructor(
    private readonly reporter: OversightReporter,
    private readonly audit: AuditService,
  ) {}

  async apply(
    manager: EntityManager,
    from: string,
    payload: OversightRecommendationAnsweredV1,
  ): Promise<void> {
    const engagement = await heldWith(manager, payload.engagementId, 'overseeing', from);
    if (!engagement)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `this node holds no engagement ${payload.engagementId} over ${from}; only the overseen node answers`,
      );
    const recommendation = await manager.findOne(Recommendation, {
      where: { id: payload.recommendationId, engagementId: engagement.id },
    });
    if (!recommendation)
      throw new RefusalError(
        'NOT_FOUND',
        `no recommendation ${payload.recommendationId} in engagement ${engagement.id}`,
      );
    if (recommendation.answeredAt)
      throw new RefusalError(
        'CONFLICT',
        `recommendation ${recommendation.id} was answered already`,
      );
    await manager.update(
      Recommendation,
      { id: recommendation.id },
      {
        answer: payload.answer,
        answeredAt: new Date(payload.answeredAt),
        answeredBy: payload.answeredBy,
      },
    );
    await this.reporter.report(manager);
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'oversight.answer_received',
      subjectType: 'oversight_recommendation',
      subjectId: recommendation.id,
    });
  }
}
