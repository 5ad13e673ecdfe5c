import { Inject, Injectable } from '@nestjs/common';
import {
  AuditService,
  InboundEvent,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
} from '@liandong/messaging';
import { InformationAnsweredV1, RefusalError } from '@liandong/protocol';
import { requestState } from '../request-state';
import { findRequest, updateRequest } from '../request.repository';

/**
 * An answer to a request this node sent: only from the asked node, only to an open request,
 * only a box sealed to this node's inspection office. Marked late by its date.
 */
@Injectable()
export class ReceiveAnswer {
  constructor(
    private readonly audit: AuditService,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async apply({ envelope, manager }: InboundEvent<InformationAnsweredV1>): Promise<void> {
    const self = this.options.identity.nodeId;
    const from = envelope.issuer;
    const payload = envelope.payload;
    const request = await findRequest(manager, payload.requestId);
    if (!request || request.fromNode !== self)
      throw new RefusalError(
        'NOT_FOUND',
        `${this.names.label(self)} sent no information request ${payload.requestId}`,
      );
    if (request.targetNode !== from)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `information request ${payload.requestId} was sent to ${this.names.label(request.targetNode)}, not to ${this.names.label(from)}`,
      );
    if (request.answeredAt)
      throw new RefusalError(
        'CONFLICT',
        `information request ${payload.requestId} is already answered`,
      );
    const { sealed } = payload;
    if (sealed.recipientNode !== self || sealed.body !== 'inspection_office')
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `the answer is sealed to the ${sealed.body} of ${sealed.recipientNode}, not to this node's inspection office`,
      );
    const answeredAt = new Date(payload.answeredAt);
    await updateRequest(manager, request.id, {
      answeredAt,
      answeredBy: payload.answeredBy,
      attachmentCount: payload.attachmentCount,
      sealed,
    });
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'information_request.answer_received',
      subjectType: 'information_request',
      subjectId: request.id,
      detail: {
        attachments: payload.attachmentCount,
        late:
          requestState({ answerBy: request.answerBy, answeredAt }, answeredAt) === 'answered_late',
      },
    });
  }
}
