import { Injectable } from '@nestjs/common';
import type { Principal } from '@liandong/access';
import { actorOf } from '@liandong/access';
import { AuditService, Clock, NodeNames, OutboxService } from '@liandong/messaging';
import { nodeAudience, StatisticsAcceptedV1, StatisticsReturnedV1 } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { ChildStatistics } from '../../entities';
import { statisticsRefusal } from '../../statistics.errors';
import { StatisticsQueries } from '../statistics.queries';
import { lockLatestChild, lockYear } from '../statistics.repository';
import { StatisticsView } from '../statistics.views';

export type Decision = { accept: true } | { accept: false; reason: string };

/**
 * The parent decides the latest version a direct child submitted for a year: accepted (locked,
 * its subtree counts in this node's totals from now on) or returned with a reason; the child
 * is told in the same transaction.
 */
@Injectable()
export class DecideChildStatistics {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: StatisticsQueries,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
  ) {}

  async execute(
    nodeId: string,
    year: number,
    decision: Decision,
    user: Principal,
  ): Promise<StatisticsView> {
    return this.dataSource.transaction(async (manager) => {
      await lockYear(manager, year);
      const latest = await lockLatestChild(manager, nodeId, year);
      if (!latest)
        throw statisticsRefusal(
          'CHILD_REPORT_NOT_FOUND',
          {
            zh: `${this.names.label(nodeId)}尚未向本级报送${year}年度统计`,
            en: `${nodeId} has submitted no statistics for ${year} to this node`,
          },
          404,
        );
      if (latest.state !== 'submitted')
        throw statisticsRefusal('NOT_AWAITING_DECISION', {
          zh: `${this.names.label(nodeId)}${year}年度统计第${latest.version}版已${latest.state === 'accepted' ? '审核通过' : '退回'}，没有待审核的版本`,
          en: `version ${latest.version} of ${nodeId}'s ${year} statistics was decided already`,
        });
      const now = this.clock.now();
      const change = {
        state: decision.accept ? ('accepted' as const) : ('returned' as const),
        decidedBy: user.username,
        decidedAt: now,
        returnReason: decision.accept ? null : decision.reason.trim(),
      };
      await manager.update(ChildStatistics, { nodeId, year, version: latest.version }, change);
      const base = { year, version: latest.version };
      if (decision.accept) {
        const payload: StatisticsAcceptedV1 = {
          ...base,
          acceptedAt: now.toISOString(),
          acceptedBy: user.username,
        };
        await this.outbox.emit(manager, {
          type: StatisticsAcceptedV1.type,
          audience: nodeAudience(nodeId),
          payload,
        });
      } else {
        const payload: StatisticsReturnedV1 = {
          ...base,
          returnedAt: now.toISOString(),
          returnedBy: user.username,
          reason: change.returnReason as string,
        };
        await this.outbox.emit(manager, {
          type: StatisticsReturnedV1.type,
          audience: nodeAudience(nodeId),
          payload,
        });
      }
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: decision.accept ? 'statistics.accepted' : 'statistics.returned',
        subjectType: 'child_statistics',
        subjectId: `${nodeId}/${year}/${latest.version}`,
      });
      return this.queries.view(year, manager);
    });
  }
}
