import { Injectable } from '@nestjs/common';
import { AuditService } from '@liandong/messaging';
import { RefusalError, StatisticsAcceptedV1, StatisticsReturnedV1 } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { StatisticsReport } from '../../entities';

/**
 * The parent's decision on a version this node submitted (the handler checked that the issuer
 * is the direct parent): only the latest version, only while it awaits a decision.
 */
@Injectable()
export class ReceiveDecision {
  constructor(private readonly audit: AuditService) {}

  accepted(manager: EntityManager, from: string, payload: StatisticsAcceptedV1): Promise<void> {
    return this.decide(manager, from, payload, {
      state: 'accepted',
      decidedBy: payload.acceptedBy,
      decidedAt: new Date(payload.acceptedAt),
      returnReason: null,
    });
  }

  returned(manager: EntityManager, from: string, payload: StatisticsReturnedV1): Promise<void> {
    return this.decide(manager, from, payload, {
      state: 'returned',
      decidedBy: payload.returnedBy,
      decidedAt: new Date(payload.returnedAt),
      returnReason: payload.reason,
    });
  }

  private async decide(
    manager: EntityManager,
    from: string,
    { year, version }: { year: number; version: number },
    change: Pick<StatisticsReport, 'state' | 'decidedBy' | 'decidedAt' | 'returnReason'>,
  ): Promise<void> {
    const latest = await manager.findOne(StatisticsReport, {
      where: { year },
      order: { version: 'DESC' },
      lock: { mode: 'pessimistic_write' },
    });
    if (!latest || latest.version < version)
      throw new RefusalError('NOT_FOUND', `no version ${version} of ${year} was submitted`);
    if (latest.version !== version || latest.state !== 'submitted')
      throw new RefusalError(
        'CONFLICT',
        `version ${version} of ${year} is stale or decided already (latest ${latest.version}, ${latest.state})`,
      );
    await manager.update(StatisticsReport, { year, version }, change);
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action:
        change.state === 'accepted'
          ? 'statistics.accepted_by_parent'
          : 'statistics.returned_by_parent',
      subjectType: 'statistics_report',
      subjectId: `${year}/${version}`,
    });
  }
}
