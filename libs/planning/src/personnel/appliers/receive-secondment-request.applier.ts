import { Inject, Injectable } from '@nestjs/common';
import { RefusalError, SecondmentRequestedV1, SecondmentRequestedV2 } from '@liandong/protocol';
import { AuditService, Clock, MESSAGING_OPTIONS, MessagingOptions } from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { findPerson } from '../person.repository';
import { insertSecondment } from '../secondment.repository';

/**
 * A node along the tree asks to borrow one of this node's own people — named (v1, or v2 naming
 * one) or described (v2: `wanted`, the office nominating on approval): the request is kept for
 * the office to approve or decline.
 */
@Injectable()
export class ReceiveSecondmentRequest {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async apply(
    manager: EntityManager,
    from: string,
    issuerPath: string[],
    payload: SecondmentRequestedV1 | SecondmentRequestedV2,
  ): Promise<void> {
    const self = this.options.identity.nodeId;
    const related =
      this.options.identity.path.slice(0, -1).includes(from) ||
      issuerPath.slice(0, -1).includes(self);
    if (!related)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `${from} is neither an ancestor nor a descendant of ${self}; secondment runs along the tree`,
      );
    const personId = payload.personId ?? null;
    const wanted = ('wanted' in payload && payload.wanted) || null;
    const person = personId ? await findPerson(manager, personId) : null;
    if (personId && (!person || person.lentBy))
      throw new RefusalError('NOT_FOUND', `${personId} is not in the own pool of ${self}`);
    await insertSecondment(manager, {
      id: payload.secondmentId,
      role: 'lending',
      personId,
      wanted,
      borrowingNode: from,
      lendingNode: self,
      startsOn: payload.from,
      endsOn: payload.to,
      purpose: payload.purpose,
      status: 'requested',
      reason: null,
      requestedAt: this.clock.now(),
      decidedAt: null,
    });
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'secondment.request_received',
      subjectType: 'secondment',
      subjectId: payload.secondmentId,
      detail: { personId, name: person?.name ?? null, wanted },
    });
  }
}
