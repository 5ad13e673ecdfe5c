import { ReferralListView, ReferralView } from '../dto/referral.views';
import { Referral } from '../entities';
import { REFERRAL_STATE_LABELS } from '../labels';
import { referralState } from './referral-state';

export function mapReferral(r: Referral, now: Date): ReferralView {
  const state = referralState(r, now);
  return {
    id: r.id,
    fromNode: r.fromNode,
    targetNode: r.targetNode,
    kind: r.kind,
    body: r.body,
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
): ReferralListView {
  const sentViews = sent.map((r) => mapReferral(r, now));
  const disposed = sentViews.filter((r) => r.state === 'disposed').length;
  return {
    sent: sentViews,
    received: received.map((r) => mapReferral(r, now)),
    summary: {
      sent: sent.length,
      open: sentViews.filter((r) => r.state !== 'disposed').length,
      overdue: sentViews.filter((r) => r.state === 'overdue').length,
      disposed,
      disposalRate: sent.length ? Math.round((disposed / sent.length) * 1000) / 10 : 0,
    },
  };
}
