import { Inject, Injectable } from '@nestjs/common';
import {
  CrossAccessGrantedV1,
  CrossOrderedV1,
  nodeAudience,
  RefusalError,
  uuidv7,
} from '@liandong/protocol';
import {
  AuditService,
  Clock,
  MESSAGING_OPTIONS,
  MessagingOptions,
  OutboxService,
} from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { Organization } from '../../entities';
import { InspectionFactory } from '../../inspections/inspection.factory';
import { insertInspections, openClash } from '../../inspections/inspection.repository';
import { organizationsIn } from '../../registry/organization.repository';
import { LinkedRounds } from '../../rounds/linked-rounds';
import { heldInRound, insertCrossOrder } from '../cross-order.repository';

/**
 * The order reaches both peers: the visiting one opens a round for it, the inspected one
 * grants access to the ordered organizations (and hosts the inspections of them).
 */
@Injectable()
export class ReceiveCrossOrder {
  constructor(
    private readonly rounds: LinkedRounds,
    private readonly factory: InspectionFactory,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  private get self(): string {
    return this.options.identity.nodeId;
  }

  async apply(manager: EntityManager, from: string, payload: CrossOrderedV1): Promise<void> {
    if (payload.visitingNode === payload.inspectedNode)
      throw new RefusalError(
        'CONFLICT',
        `a node cannot cross-inspect itself (${payload.visitingNode})`,
      );
    const role =
      payload.visitingNode === this.self
        ? 'visiting'
        : payload.inspectedNode === this.self
          ? 'inspected'
          : null;
    if (!role)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `${this.self} is neither the visiting nor the inspected node of order ${payload.orderId}`,
      );
    const reverse =
      role === 'visiting'
        ? await heldInRound(manager, payload.round.roundId, 'inspected', {
            visitingNode: payload.inspectedNode,
          })
        : await heldInRound(manager, payload.round.roundId, 'visiting', {
            inspectedNode: payload.visitingNode,
          });
    if (reverse)
      throw new RefusalError(
        'CONFLICT',
        `reciprocal pair: ${payload.inspectedNode} already inspects ${payload.visitingNode} in round ${payload.round.roundId}`,
      );
    const base = {
      id: payload.orderId,
      roundId: payload.round.roundId,
      orderingNode: from,
      visitingNode: payload.visitingNode,
      inspectedNode: payload.inspectedNode,
      organizationCodes: payload.organizationCodes,
      windowStart: payload.round.windowStart,
      windowEnd: payload.round.windowEnd,
      eventIds: [],
      refusalReason: null,
      createdAt: this.clock.now(),
    };
    if (role === 'visiting') {
      const { round } = await this.rounds.open(manager, payload.round, from);
      await insertCrossOrder(manager, {
        ...base,
        role,
        localRoundId: round.id,
        status: 'ordered',
      });
    } else {
      const organizations = await this.grantable(manager, payload);
      await insertCrossOrder(manager, { ...base, role, localRoundId: null, status: 'granted' });
      const granted: CrossAccessGrantedV1 = {
        orderId: payload.orderId,
        organizations: organizations.map((org) => ({
          inspectionId: uuidv7(this.clock.now().getTime()),
          code: org.code,
          name: org.name,
          category: org.category,
        })),
      };
      await this.outbox.emit(manager, {
        type: CrossAccessGrantedV1.type,
        audience: nodeAudience(payload.visitingNode),
        payload: granted,
      });
      await insertInspections(
        manager,
        granted.organizations.map((org) =>
          this.factory.hosted({
            id: org.inspectionId,
            mode: 'cross',
            conductingNode: payload.visitingNode,
            organizationCode: org.code,
            organizationName: org.name,
            organizationCategory: org.category,
            crossOrderId: payload.orderId,
            windowStart: payload.round.windowStart,
            windowEnd: payload.round.windowEnd,
          }),
        ),
      );
    }
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: role === 'visiting' ? 'cross.order_received' : 'cross.access_granted',
      subjectType: 'cross_order',
      subjectId: payload.orderId,
      detail: { visitingNode: payload.visitingNode, inspectedNode: payload.inspectedNode },
    });
  }

  /** The ordered organizations, all in this registry and not already inspected in the window. */
  private async grantable(
    manager: EntityManager,
    payload: CrossOrderedV1,
  ): Promise<Organization[]> {
    const organizations = await organizationsIn(manager, payload.organizationCodes);
    const missing = payload.organizationCodes.filter(
      (c) => !organizations.some((o) => o.code === c),
    );
    if (missing.length > 0)
      throw new RefusalError(
        'NOT_FOUND',
        `not in the registry of ${this.self}: ${missing.join(', ')}`,
      );
    const clash = await openClash(
      manager,
      this.self,
      payload.organizationCodes,
      { start: payload.round.windowStart, end: payload.round.windowEnd },
      ['conducting', 'hosted'],
    );
    if (clash)
      throw new RefusalError(
        'CONFLICT',
        `${clash.organizationName} is already being inspected by ${clash.conductingNode} in ${clash.windowStart}–${clash.windowEnd}`,
      );
    return organizations;
  }
}
