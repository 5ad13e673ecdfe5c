import { Inject, Injectable } from '@nestjs/common';
import { CrossAccessGrantedV1, RefusalError } from '@liandong/protocol';
import { AuditService, MESSAGING_OPTIONS, MessagingOptions } from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { InspectionFactory } from '../../inspections/inspection.factory';
import { insertInspections } from '../../inspections/inspection.repository';
import { roundOf } from '../../rounds/round.repository';
import { markGranted, visitingOrder } from '../cross-order.repository';

/**
 * Access granted by the inspected peer: this node's team may now inspect those organizations,
 * each an inspection it conducts in the round it opened for the order.
 */
@Injectable()
export class ReceiveCrossAccess {
  constructor(
    private readonly factory: InspectionFactory,
    private readonly audit: AuditService,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async apply(manager: EntityManager, from: string, payload: CrossAccessGrantedV1): Promise<void> {
    const order = await visitingOrder(manager, payload.orderId, from);
    if (!order)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `${this.options.identity.nodeId} holds no order to inspect ${from} under ${payload.orderId}; only the inspected node of an order may grant access`,
      );
    const outside = payload.organizations.filter((o) => !order.organizationCodes.includes(o.code));
    if (outside.length > 0)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `the grant names organizations outside the order: ${outside.map((o) => o.code).join(', ')}`,
      );
    const round = await roundOf(manager, order.localRoundId as string);
    await markGranted(manager, order.id);
    await insertInspections(
      manager,
      payload.organizations.map((org) =>
        this.factory.conducted(round, {
          id: org.inspectionId,
          mode: 'cross',
          ownerNode: from,
          organizationCode: org.code,
          organizationName: org.name,
          organizationCategory: org.category,
          crossOrderId: order.id,
          status: 'planned',
        }),
      ),
    );
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'cross.access_received',
      subjectType: 'cross_order',
      subjectId: order.id,
      detail: { organizations: payload.organizations.map((o) => o.code) },
    });
  }
}
