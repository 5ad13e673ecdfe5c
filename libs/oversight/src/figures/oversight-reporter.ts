import { Inject, Injectable } from '@nestjs/common';
import { Clock, MESSAGING_OPTIONS, MessagingOptions, OutboxService } from '@liandong/messaging';
import {
  chinaDate,
  EngagementFiguresV1,
  nodeAudience,
  OversightReportedV1,
} from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { ChildOversight } from '../entities';
import { emptyEngagementFigures, sumEngagementFigures } from './figures';

/**
 * Oversight figures of this node (the engagements it conducts and their recommendations)
 * and of its subtree, sent to the parent in the caller's transaction whenever they change,
 * computed after the parent's sequence is reserved (as coverage is).
 */
@Injectable()
export class OversightReporter {
  constructor(
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async report(manager: EntityManager): Promise<void> {
    const parent = this.options.identity.parentId;
    if (!parent) return;
    await this.outbox.emitComputed(
      manager,
      { type: OversightReportedV1.type, audience: nodeAudience(parent) },
      () => this.snapshot(manager),
    );
  }

  async own(manager: EntityManager): Promise<EngagementFiguresV1> {
    const today = chinaDate(this.clock.now());
    const [row] = await manager.query(
      `SELECT
         (SELECT count(*) FROM oversight_engagement WHERE role = 'overseeing' AND status IN ('opened', 'acknowledged'))::int AS "engagementsOpen",
         (SELECT count(*) FROM oversight_engagement WHERE role = 'overseeing' AND status = 'closed')::int AS "engagementsClosed",
         count(*) FILTER (WHERE r.answered_at IS NULL AND r.answer_by >= $1)::int AS "recommendationsOpen",
         count(*) FILTER (WHERE r.answered_at IS NOT NULL)::int AS "recommendationsAnswered",
         count(*) FILTER (WHERE r.answered_at IS NULL AND r.answer_by < $1)::int AS "recommendationsOverdue"
       FROM oversight_recommendation r JOIN oversight_engagement e ON e.id = r.engagement_id AND e.role = 'overseeing'`,
      [today],
    );
    return { ...emptyEngagementFigures(), ...row };
  }

  async snapshot(manager: EntityManager): Promise<OversightReportedV1> {
    const own = await this.own(manager);
    const children = await manager.find(ChildOversight, { order: { nodeId: 'ASC' } });
    return {
      asOf: this.clock.now().toISOString(),
      own,
      subtree: sumEngagementFigures([own, ...children.map((c) => c.subtree)]),
      children: children.map((c) => ({
        nodeId: c.nodeId,
        name: c.name,
        figures: sumEngagementFigures([c.subtree]),
      })),
    };
  }
}
