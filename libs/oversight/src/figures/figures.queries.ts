import { Injectable } from '@nestjs/common';
import { Clock, NodeNames } from '@liandong/messaging';
import { chinaDate } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { emptyEngagementFigures } from './figures';
import { NodeEngagementFiguresView, OversightFiguresView } from './figures.views';
import { OversightReporter } from './oversight-reporter';

/** What this node would report now: its own figures, its subtree's, each child's. */
@Injectable()
export class OversightFiguresQueries {
  constructor(
    private readonly reporter: OversightReporter,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly names: NodeNames,
  ) {}

  async figures(): Promise<OversightFiguresView> {
    const { own, subtree, children } = await this.reporter.snapshot(this.dataSource.manager);
    return { own, subtree, children };
  }

  /**
   * The engagements this node conducts, by the descendant overseen (by its code), with
   * their recommendations' answers as of today (China date, injected clock).
   */
  async byOverseen(): Promise<NodeEngagementFiguresView[]> {
    const today = chinaDate(this.clock.now());
    const rows: Array<{ nodeId: string } & Record<string, number>> = await this.dataSource.query(
      `SELECT e.overseen_node AS "nodeId",
         count(DISTINCT e.id) FILTER (WHERE e.status IN ('opened', 'acknowledged'))::int AS "engagementsOpen",
         count(DISTINCT e.id) FILTER (WHERE e.status = 'closed')::int AS "engagementsClosed",
         count(r.id) FILTER (WHERE r.answered_at IS NULL AND r.answer_by >= $1)::int AS "recommendationsOpen",
         count(r.id) FILTER (WHERE r.answered_at IS NOT NULL)::int AS "recommendationsAnswered",
         count(r.id) FILTER (WHERE r.answered_at IS NULL AND r.answer_by < $1)::int AS "recommendationsOverdue"
       FROM oversight_engagement e
       LEFT JOIN oversight_recommendation r ON r.engagement_id = e.id
       WHERE e.role = 'overseeing'
       GROUP BY e.overseen_node
       ORDER BY e.overseen_node`,
      [today],
    );
    return rows.map(({ nodeId, ...figures }) => ({
      nodeId,
      name: this.names.name(nodeId) ?? nodeId,
      figures: { ...emptyEngagementFigures(), ...figures },
    }));
  }
}
