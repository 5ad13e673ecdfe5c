import { Injectable } from '@nestjs/common';
import { nodeAudience, SecondmentDecidedV1 } from '@liandong/protocol';
import { AuditService, Clock, NodeNames, OutboxService } from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { Secondment } from '../entities';
import { STATUS_LABELS } from '../labels';
import { planningRefusal } from '../planning.errors';
import { personOf } from './person.repository';
import { personV1 } from './personnel.mapper';
import { nomineeFor } from './secondment-nominee';
import { decideSecondment, lockLendingOrFail } from './secondment.repository';

/**
 * The lending node's decision on a request, once, in the caller's transaction: recorded, told
 * to the borrowing node (an approval carries the person: the one requested, or the nominee when
 * the request only described whom it wants) and audited. ApproveSecondment and
 * DeclineSecondment take it.
 */
@Injectable()
export class SecondmentDecision {
  constructor(
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
  ) {}

  async record(
    manager: EntityManager,
    id: string,
    decision: 'approved' | 'declined',
    reason: string | null,
    actor: string,
    nomineeId?: string,
  ): Promise<Secondment> {
    const secondment = await lockLendingOrFail(manager, id);
    if (secondment.status !== 'requested')
      throw planningRefusal('ALREADY_DECIDED', {
        zh: `${this.names.label(secondment.borrowingNode)}的这项借调请求${STATUS_LABELS[secondment.status] ?? secondment.status}，不能再次决定`,
        en: `secondment ${id} is already ${secondment.status}`,
      });
    const person =
      decision === 'approved'
        ? await nomineeFor(manager, secondment, nomineeId, this.names)
        : secondment.personId
          ? await personOf(manager, secondment.personId)
          : null;
    const personId = person?.id ?? null;
    const now = this.clock.now();
    await decideSecondment(manager, id, { status: decision, reason, decidedAt: now, personId });
    const payload: SecondmentDecidedV1 = {
      secondmentId: id,
      decision,
      reason,
      person: decision === 'approved' && person ? personV1(person) : null,
    };
    await this.outbox.emit(manager, {
      type: SecondmentDecidedV1.type,
      audience: nodeAudience(secondment.borrowingNode),
      payload,
    });
    await this.audit.record(manager, {
      actor,
      action: `secondment.${decision}`,
      subjectType: 'secondment',
      subjectId: id,
      detail: {
        borrowingNode: secondment.borrowingNode,
        name: person?.name ?? null,
        wanted: secondment.wanted,
        reason,
      },
    });
    return { ...secondment, status: decision, reason, decidedAt: now, personId };
  }
}
