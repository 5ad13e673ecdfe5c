import { Injectable } from '@nestjs/common';
import { AuditService } from '@liandong/messaging';
import { OversightEngagementClosedV1, RefusalError } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { Engagement, Recommendation } from '../../entities';
import { heldWith } from '../engagement.repository';

/** The assessment and recommendations reach the overseen node, each to answer by its day. */
@Injectable()
export class ReceiveClosing {
  constructor(private readonly audit: AuditService) {}

  async apply(
    manager: EntityManager,
    from: string,
    payload: OversightEngagementClosedV1,
  ): Promise<void> {
    const engagement = await heldWith(manager, payload.engagementId, 'overseen', from);
    if (!engagement)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `this node holds no engagement ${payload.engagementId} of ${from}; only the overseeing node closes it`,
      );
    if (engagement.status === 'closed')
      throw new RefusalError('CONFLICT', `engagement ${engagement.id} is closed already`);
    const outside = payload.recommendations.filter((r) => !engagement.checklist.includes(r.item));
    if (outside.length > 0)
      throw new RefusalError(
        'CONFLICT',
        `recommendations on items outside the checklist: ${outside.map((r) => r.item).join(', ')}`,
      );
    await manager.update(
      Engagement,
      { id: engagement.id },
      { status: 'closed', assessment: payload.assessment, closedAt: new Date(payload.closedAt) },
    );
    if (payload.recommendations.length > 0)
      await manager.insert(
        Recommendation,
        payload.recommendations.map((r) => ({
          id: r.recommendationId,
          engagementId: engagement.id,
          item: r.item,
          text: r.text,
          answerBy: r.answerBy,
          answer: null,
          answeredAt: null,
          answeredBy: null,
          overdueAt: null,
        })),
      );
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'oversight.closing_received',
      subjectType: 'oversight_engagement',
      subjectId: engagement.id,
      detail: { recommendations: payload.recommendations.length },
    });
  }
}
