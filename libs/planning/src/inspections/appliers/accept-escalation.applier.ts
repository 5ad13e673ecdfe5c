import { Inject, Injectable } from '@nestjs/common';
import { InspectionEscalatedV1, RefusalError } from '@liandong/protocol';
import { AuditService, MESSAGING_OPTIONS, MessagingOptions } from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { findOrganization } from '../../registry/organization.repository';
import { InspectionFactory } from '../inspection.factory';
import { insertInspections, openClash } from '../inspection.repository';

/**
 * An ancestor escalates an inspection of one of this node's organizations (提级巡察): it is
 * hosted here unless this node inspects the organization itself in that window.
 */
@Injectable()
export class AcceptEscalation {
  constructor(
    private readonly factory: InspectionFactory,
    private readonly audit: AuditService,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async apply(
    manager: EntityManager,
    ancestor: string,
    payload: InspectionEscalatedV1,
  ): Promise<void> {
    const self = this.options.identity.nodeId;
    const org = await findOrganization(manager, payload.organizationCode);
    if (!org)
      throw new RefusalError(
        'NOT_FOUND',
        `organization ${payload.organizationCode} is not in the registry of ${self}`,
      );
    const window = { start: payload.round.windowStart, end: payload.round.windowEnd };
    const clash = await openClash(manager, self, [org.code], window, ['conducting']);
    if (clash)
      throw new RefusalError(
        'CONFLICT',
        `${org.name} is already scheduled for inspection by ${self} itself in ${clash.windowStart}–${clash.windowEnd} (inspection ${clash.id})`,
      );
    await insertInspections(
      manager,
      this.factory.hosted({
        id: payload.inspectionId,
        mode: 'escalated',
        conductingNode: ancestor,
        organizationCode: org.code,
        organizationName: org.name,
        organizationCategory: org.category,
        crossOrderId: null,
        windowStart: window.start,
        windowEnd: window.end,
      }),
    );
    await this.audit.record(manager, {
      actor: `node:${ancestor}`,
      action: 'inspection.escalation_received',
      subjectType: 'inspection',
      subjectId: payload.inspectionId,
      detail: {
        organizationCode: org.code,
        organizationName: org.name,
        theme: payload.round.theme,
      },
    });
  }
}
