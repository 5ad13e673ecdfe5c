import { Inject, Injectable } from '@nestjs/common';
import { RefusalError, SecondmentDecidedV1 } from '@liandong/protocol';
import { AuditService, Clock, MESSAGING_OPTIONS, MessagingOptions } from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { upsertPerson } from '../person.repository';
import { decideSecondment, openRequestTo } from '../secondment.repository';

/**
 * The lending node answered this node's request: the decision is recorded and, when approved,
 * the person — the one requested, or the lender's nominee when the request described whom it
 * wants — joins this node's pool as lent by that node for the secondment.
 */
@Injectable()
export class ReceiveSecondmentDecision {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async apply(manager: EntityManager, from: string, payload: SecondmentDecidedV1): Promise<void> {
    const secondment = await openRequestTo(manager, payload.secondmentId, from);
    if (!secondment)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `${this.options.identity.nodeId} has no open request ${payload.secondmentId} to ${from}`,
      );
    const approved = payload.decision === 'approved';
    if (approved && !payload.person)
      throw new RefusalError('CONFLICT', `the approval of ${secondment.id} carries no person`);
    if (approved && secondment.personId && payload.person?.personId !== secondment.personId)
      throw new RefusalError(
        'CONFLICT',
        `the approval carries a person other than the one requested`,
      );
    const personId = approved ? (payload.person?.personId ?? null) : secondment.personId;
    await decideSecondment(manager, secondment.id, {
      status: payload.decision,
      reason: payload.reason ?? null,
      decidedAt: this.clock.now(),
      personId,
    });
    if (payload.decision === 'approved' && payload.person) {
      const p = payload.person;
      await upsertPerson(manager, {
        id: p.personId,
        name: p.name,
        sourceBody: p.sourceBody,
        homeJurisdiction: p.homeJurisdiction,
        homeUnitCode: p.homeUnitCode ?? null,
        homeUnitName: p.homeUnitName,
        username: null,
        posts: p.posts,
        relations: p.relations,
        lentBy: from,
        secondmentId: secondment.id,
        createdAt: this.clock.now(),
      });
    }
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: `secondment.${payload.decision}_received`,
      subjectType: 'secondment',
      subjectId: secondment.id,
      detail: { personId, name: payload.person?.name ?? null },
    });
  }
}
