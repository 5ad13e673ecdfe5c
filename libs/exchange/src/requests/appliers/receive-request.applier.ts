import { Inject, Injectable } from '@nestjs/common';
import {
  AuditService,
  InboundEvent,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
} from '@liandong/messaging';
import {
  InformationRequestedV1,
  InformationRequestedV2,
  open,
  RefusalError,
  SealedRequestTextV1,
} from '@liandong/protocol';
import { findRequest, insertRequest } from '../request.repository';

/**
 * A request to one of this node's bodies: only from a node on its line (an ancestor or a
 * descendant: the tree's links), recorded once; its body's users answer it.
 */
@Injectable()
export class ReceiveRequest {
  constructor(
    private readonly audit: AuditService,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /** v2: the subject and details come sealed to the asked body; this node holds its key. */
  async applySealed(event: InboundEvent<InformationRequestedV2>): Promise<void> {
    const { sealed, ...rest } = event.envelope.payload;
    const key = this.options.identity.bodies[rest.body];
    if (!key || key.keyId !== sealed.kid || sealed.recipientNode !== this.options.identity.nodeId)
      throw new RefusalError(
        'INVALID_PAYLOAD',
        `the request is not sealed to this node's ${rest.body} body key`,
      );
    let text: SealedRequestTextV1;
    try {
      text = JSON.parse(open(sealed, key)) as SealedRequestTextV1;
    } catch (error) {
      throw new RefusalError(
        'INVALID_PAYLOAD',
        `the sealed request does not open with this node's ${rest.body} key: ${(error as Error).message}`,
      );
    }
    const fits = (value: unknown, max: number) =>
      typeof value === 'string' && value.length >= 1 && value.length <= max;
    if (!fits(text?.subject, 200) || !fits(text?.details, 5000))
      throw new RefusalError(
        'INVALID_PAYLOAD',
        'the sealed request must hold { subject: 1–200 characters, details: 1–5000 }',
      );
    await this.apply({
      ...event,
      envelope: {
        ...event.envelope,
        payload: { ...rest, subject: text.subject, details: text.details },
      },
    });
  }

  async apply({
    envelope,
    manager,
    issuerPath,
  }: InboundEvent<InformationRequestedV1>): Promise<void> {
    const self = this.options.identity.nodeId;
    const from = envelope.issuer;
    const payload = envelope.payload;
    const inLine =
      this.options.identity.path.slice(0, -1).includes(from) ||
      issuerPath.slice(0, -1).includes(self);
    if (!inLine)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `${this.names.label(from)} is neither an ancestor nor a descendant of ${this.names.label(self)}; information requests follow the tree`,
      );
    if (await findRequest(manager, payload.requestId))
      throw new RefusalError(
        'CONFLICT',
        `information request ${payload.requestId} is already recorded`,
      );
    await insertRequest(manager, {
      id: payload.requestId,
      kind: payload.kind,
      fromNode: from,
      targetNode: self,
      body: payload.body,
      cadreTier: null,
      inspectionId: payload.inspectionId,
      organizationName: payload.organizationName,
      subject: payload.subject,
      details: payload.details,
      answerBy: payload.answerBy,
      requestedAt: new Date(payload.requestedAt),
      requestedBy: `node:${from}`,
      answeredAt: null,
      answeredBy: null,
      attachmentCount: null,
      sealed: null,
    });
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'information_request.received',
      subjectType: 'information_request',
      subjectId: payload.requestId,
      detail: { kind: payload.kind, body: payload.body, answerBy: payload.answerBy },
    });
  }
}
