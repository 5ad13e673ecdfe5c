import { BODY_LABELS } from '@liandong/protocol';
import { InformationRequest } from '../entities';
import { REQUEST_KIND_LABELS, REQUEST_STATE_LABELS } from '../labels';
import { requestState } from './request-state';
import { InformationRequestListView, InformationRequestView } from './request.views';

/** How a node is named to a reader: 石家庄市（130100）, or its code when unknown here. */
export type NodeLabel = (nodeId: string) => string;
const codeOnly: NodeLabel = (nodeId) => nodeId;

export function mapRequest(
  r: InformationRequest,
  now: Date,
  label: NodeLabel = codeOnly,
): InformationRequestView {
  const state = requestState(r, now);
  return {
    id: r.id,
    kind: r.kind,
    kindLabel: REQUEST_KIND_LABELS[r.kind],
    fromNode: r.fromNode,
    fromNodeLabel: label(r.fromNode),
    targetNode: r.targetNode,
    targetNodeLabel: label(r.targetNode),
    body: r.body,
    bodyLabel: BODY_LABELS[r.body],
    cadreTier: r.cadreTier,
    inspectionId: r.inspectionId,
    organizationName: r.organizationName,
    subject: r.subject,
    details: r.details,
    answerBy: r.answerBy,
    requestedAt: r.requestedAt,
    requestedBy: r.requestedBy,
    answeredAt: r.answeredAt,
    answeredBy: r.answeredBy,
    attachmentCount: r.attachmentCount,
    answerHeld: Boolean(r.sealed),
    state,
    stateLabel: REQUEST_STATE_LABELS[state],
    late: state === 'answered_late',
    overdue: state === 'overdue',
  };
}

/** Sent, with what is outstanding, overdue and late; received, with what awaits an answer. */
export function mapRequestList(
  sent: InformationRequest[],
  received: InformationRequest[],
  now: Date,
  label: NodeLabel = codeOnly,
): InformationRequestListView {
  const sentViews = sent.map((r) => mapRequest(r, now, label));
  const receivedViews = received.map((r) => mapRequest(r, now, label));
  const count = (views: InformationRequestView[], ...states: string[]) =>
    views.filter((v) => states.includes(v.state)).length;
  return {
    sent: sentViews,
    received: receivedViews,
    summary: {
      sent: sentViews.length,
      outstanding: count(sentViews, 'open', 'overdue'),
      overdue: count(sentViews, 'overdue'),
      answered: count(sentViews, 'answered', 'answered_late'),
      late: count(sentViews, 'answered_late'),
      toAnswer: count(receivedViews, 'open', 'overdue'),
    },
  };
}
