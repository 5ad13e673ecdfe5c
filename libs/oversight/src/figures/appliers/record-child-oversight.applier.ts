import { Injectable } from '@nestjs/common';
import { AuditService, NodeNames } from '@liandong/messaging';
import { OversightReportedV1 } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { ChildOversight } from '../../entities';
import { OversightReporter } from '../oversight-reporter';

/** A child's oversight figures replace its previous report; this node reports in turn. */
@Injectable()
export class RecordChildOversight {
  constructor(
    private readonly reporter: OversightReporter,
    private readonly names: NodeNames,
    private readonly audit: AuditService,
  ) {}

  async apply(manager: EntityManager, from: string, payload: OversightReportedV1): Promise<void> {
    await manager.upsert(
      ChildOversight,
      {
        nodeId: from,
        name:
          this.names
            .label(from)
            .replace(/（\d{6}）$/, '')
            .slice(0, 100) || from,
        own: { ...payload.own },
        subtree: { ...payload.subtree },
        asOf: new Date(payload.asOf),
      },
      ['nodeId'],
    );
    await this.reporter.report(manager);
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'oversight.figures_received',
      subjectType: 'node',
      subjectId: from,
    });
  }
}
