import { Inject, Injectable } from '@nestjs/common';
import { RefusalError, SecondmentRequestedV1 } from '@liandong/protocol';
import { AuditService, Clock, MESSAGING_OPTIONS, MessagingOptions } from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { findPerson } from '../person.repository';
import { insertSecondment } from '../secondment.repository';

/**
 * A node along the tree asks to borrow one of this node's own people: the request is kept for
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
    payload: SecondmentRequestedV1,
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
    const person = await findPerson(manager, payload.personId);
    if (!person || person.lentBy)
      throw new RefusalError('NOT_FOUND', `${payload.personId} is not in the own pool of ${self}`);
    await insertSecondment(manager, {
      id: payload.secondmentId,
      role: 'lending',
      personId: payload.personId,
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
      detail: { personId: payload.personId, name: person.name },
    });
  }
}
