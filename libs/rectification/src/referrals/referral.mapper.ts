import { BODY_LABELS } from '@liandong/protocol';
import { ReferralListView, ReferralView } from '../dto/referral.views';
import { Referral } from '../entities';
import { REFERRAL_KIND_LABELS, REFERRAL_STATE_LABELS } from '../labels';
import { referralState } from './referral-state';

/** How a node is named to a reader: 石家庄市（130100）, or its code when unknown here. */
export type NodeLabel = (nodeId: string) => string;
const codeOnly: NodeLabel = (nodeId) => nodeId;

export function mapReferral(r: Referral, now: Date, label: NodeLabel = codeOnly): ReferralView {
  const state = referralState(r, now);
  return {
    id: r.id,
    fromNode: r.fromNode,
    fromNodeLabel: label(r.fromNode),
    targetNode: r.targetNode,
    targetNodeLabel: label(r.targetNode),
    kind: r.kind,
    kindLabel: REFERRAL_KIND_LABELS[r.kind],
    body: r.body,
    // A recommendation goes to a functional department, named by the sender.
    bodyLabel: r.body ? BODY_LABELS[r.body] : (r.recommendation?.department ?? ''),
    // Whether the content is sealed, never the box itself: it is opened through /content.
    sealed: Boolean(r.sealed),
    recommendation: r.recommendation
      ? { department: r.recommendation.department, text: r.recommendation.text }
      : null,
    cadreTier: r.cadreTier,
    inspectionId: r.inspectionId,
    findingId: r.findingId,
    organizationName: r.organizationName,
    sentAt: r.sentAt,
    acknowledgeBy: r.acknowledgeBy,
    acknowledgedAt: r.acknowledgedAt,
    acknowledgedBy: r.acknowledgedBy,
    disposedAt: r.disposedAt,
    disposition: r.disposition,
    state,
    stateLabel: REFERRAL_STATE_LABELS[state],
  };
}

/** Sent: open, overdue, disposed and the disposal rate; received: what awaits this node. */
export function mapReferralList(
  sent: Referral[],
  received: Referral[],
  now: Date,
  label: NodeLabel = codeOnly,
): ReferralListView {
  const sentViews = sent.map((r) => mapReferral(r, now, label));
  const disposed = sentViews.filter((r) => r.state === 'disposed').length;
  return {
    sent: sentViews,
    received: received.map((r) => mapReferral(r, now, label)),
    summary: {
      sent: sent.length,
      open: sentViews.filter((r) => r.state !== 'disposed').length,
      overdue: sentViews.filter((r) => r.state === 'overdue').length,
      disposed,
      disposalRate: sent.length ? Math.round((disposed / sent.length) * 1000) / 10 : 0,
    },
  };
}
