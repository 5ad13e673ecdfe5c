import { Inject, Injectable } from '@nestjs/common';
import {
  AuditService,
  InboundEvent,
  MESSAGING_OPTIONS,
  MessagingOptions,
} from '@liandong/messaging';
import { RefusalError, SpecialReportSubmittedV1 } from '@liandong/protocol';
import { SpecialReport } from '../entities/special-report.entity';

/** A descendant's special report reaches this office (the inbox checked it comes from below). */
@Injectable()
export class ReceiveSpecialReport {
  constructor(
    private readonly audit: AuditService,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async apply({ envelope, manager }: InboundEvent<SpecialReportSubmittedV1>): Promise<void> {
    const payload = envelope.payload;
    if (await manager.findOne(SpecialReport, { where: { id: payload.reportId } }))
      throw new RefusalError('CONFLICT', `special report ${payload.reportId} is recorded already`);
    await manager.insert(SpecialReport, {
      id: payload.reportId,
      role: 'received',
      fromNode: envelope.issuer,
      addressee: 'ancestor',
      toNode: this.options.identity.nodeId,
      title: payload.title,
      body: payload.body,
      findingIds: [],
      findingCount: payload.findingCount,
      submittedBy: payload.submittedBy,
      submittedAt: new Date(payload.submittedAt),
    });
    await this.audit.record(manager, {
      actor: `node:${envelope.issuer}`,
      action: 'special_report.received',
      subjectType: 'special_report',
      subjectId: payload.reportId,
      detail: { findings: payload.findingCount },
    });
  }
}
