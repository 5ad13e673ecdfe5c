import { Injectable } from '@nestjs/common';
import { Clock, NodeNames, WorkItem, workTiming } from '@liandong/messaging';
import { chinaDate } from '@liandong/protocol';
import { DataSource, IsNull } from 'typeorm';
import { FORM_LABELS } from './checklist';
import { Engagement, Recommendation } from './entities';

/**
 * What waits on this node's inspection office in oversight: an ancestor's engagement to
 * acknowledge and then to grant read access for (by the window's last day), and each of its
 * recommendations to answer by its answer-by day (red once overdue).
 */
@Injectable()
export class OversightWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly names: NodeNames,
  ) {}

  async items(roles: readonly string[]): Promise<WorkItem[]> {
    if (!roles.includes('inspection_office')) return [];
    const now = this.clock.now();
    const today = chinaDate(now);
    const engagements = await this.dataSource.getRepository(Engagement).find({
      where: { role: 'overseen' },
      order: { createdAt: 'ASC' },
      take: 500,
    });
    const byId = new Map(engagements.map((e) => [e.id, e]));
    const items: WorkItem[] = [];
    for (const e of engagements) {
      const from = `${this.names.label(e.overseeingNode)}${FORM_LABELS[e.form]}`;
      if (e.status === 'opened')
        items.push({
          kind: 'oversight.acknowledge',
          kindLabel: '待签收的指导督导',
          title: e.title,
          detail: `${from}（${e.windowStart} 至 ${e.windowEnd}），请签收`,
          ...workTiming(e.windowStart, now),
          subjectType: 'oversight_engagement',
          subjectId: e.id,
        });
      else if (e.status === 'acknowledged' && !e.grantedAreas && e.windowEnd >= today)
        items.push({
          kind: 'oversight.grant',
          kindLabel: '待授权查阅的指导督导',
          title: e.title,
          detail: `${from}已签收，请授权督导方查阅督导清单涉及的方面`,
          ...workTiming(e.windowStart, now),
          subjectType: 'oversight_engagement',
          subjectId: e.id,
        });
    }
    const open = await this.dataSource.getRepository(Recommendation).find({
      where: { answeredAt: IsNull() },
      order: { answerBy: 'ASC' },
      take: 500,
    });
    for (const r of open) {
      const e = byId.get(r.engagementId);
      if (!e) continue; // this node's own recommendations to a descendant
      items.push({
        kind: 'oversight.answer',
        kindLabel: '待答复的督导意见',
        title: r.text.length > 60 ? `${r.text.slice(0, 60)}…` : r.text,
        detail: `${this.names.label(e.overseeingNode)}督导意见（${e.title}），请说明整改情况`,
        ...workTiming(r.answerBy, now),
        subjectType: 'oversight_recommendation',
        subjectId: r.id,
      });
    }
    return items;
  }
}
