import { Injectable } from '@nestjs/common';
import { AuditService, Clock } from '@liandong/messaging';
import { RefusalError, StatisticsSubmittedV1 } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { ChildStatistics } from '../../entities';
import { fromWire, FORMS } from '../../form';

/**
 * A direct child's version N for a year (the inbox checked the direction; the handler that it
 * is a direct child). Versions come one after the other, each after the previous one was
 * decided; a correction of an accepted report carries its reason.
 */
@Injectable()
export class ReceiveSubmission {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async apply(manager: EntityManager, from: string, payload: StatisticsSubmittedV1): Promise<void> {
    if (!FORMS.has(payload.formVersion))
      throw new RefusalError(
        'INVALID_PAYLOAD',
        `statistics form version ${payload.formVersion} is not known here`,
      );
    for (const lines of [payload.own, payload.subtree])
      if (new Set(lines.map((l) => l.key)).size !== lines.length)
        throw new RefusalError('INVALID_PAYLOAD', 'a figure key is given twice');
    const versions = await manager.find(ChildStatistics, {
      where: { nodeId: from, year: payload.year },
      order: { version: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const latest = versions[versions.length - 1];
    if (payload.version !== (latest?.version ?? 0) + 1)
      throw new RefusalError(
        'CONFLICT',
        `version ${payload.version} of ${payload.year} is stale or out of turn: the latest held is ${latest?.version ?? 'none'}`,
      );
    if (latest?.state === 'submitted')
      throw new RefusalError(
        'CONFLICT',
        `version ${latest.version} of ${payload.year} still awaits this node's decision`,
      );
    if (versions.some((v) => v.state === 'accepted') && !payload.reason)
      throw new RefusalError(
        'INVALID_PAYLOAD',
        'a correction of an accepted report needs a reason',
      );
    await manager.insert(ChildStatistics, {
      nodeId: from,
      year: payload.year,
      version: payload.version,
      formVersion: payload.formVersion,
      own: fromWire(payload.own),
      subtree: fromWire(payload.subtree),
      reason: payload.reason ?? null,
      submittedBy: payload.submittedBy,
      submittedAt: new Date(payload.submittedAt),
      receivedAt: this.clock.now(),
      state: 'submitted',
      decidedBy: null,
      decidedAt: null,
      returnReason: null,
    });
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'statistics.received',
      subjectType: 'child_statistics',
      subjectId: `${from}/${payload.year}/${payload.version}`,
    });
  }
}
