import { Inject, Injectable } from '@nestjs/common';
import { InspectionHandedBackV1, RefusalError } from '@liandong/protocol';
import { AuditService, MESSAGING_OPTIONS, MessagingOptions } from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { updateInspection } from '../inspection.repository';
import { hostedByOrRefuse } from './hosted-inspection';

/** The conducting node hands rectification supervision of an organization of this node back to it. */
@Injectable()
export class ReceiveSupervision {
  constructor(
    private readonly audit: AuditService,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async apply(
    manager: EntityManager,
    from: string,
    payload: InspectionHandedBackV1,
  ): Promise<void> {
    const hosted = await hostedByOrRefuse(
      manager,
      payload.inspectionId,
      from,
      this.options.identity.nodeId,
    );
    if (hosted.status !== 'feedback_given')
      throw new RefusalError(
        'CONFLICT',
        `inspection ${payload.inspectionId} is ${hosted.status} here; supervision is handed back after feedback`,
      );
    await updateInspection(manager, hosted.id, {
      status: 'handed_back',
      handedBackAt: new Date(payload.handedBackAt),
      handBackNotes: payload.notes,
    });
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'rectification.supervision_received',
      subjectType: 'inspection',
      subjectId: hosted.id,
      detail: { organizationName: hosted.organizationName },
    });
  }
}
