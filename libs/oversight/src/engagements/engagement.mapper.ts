import { areaOf, chinaDate } from '@liandong/protocol';
import { NodeNames } from '@liandong/messaging';
import { AREA_LABELS, areasOf, FORM_LABELS, ITEM_LABELS } from '../checklist';
import {
  Attendee,
  Engagement,
  EngagementStatus,
  Observation,
  ObservationEvidence,
  Recommendation,
} from '../entities';
import {
  AttendeeView,
  EngagementView,
  ObservationEvidenceView,
  ObservationView,
  RecommendationState,
  OversightRecommendationView,
} from './engagement.views';

const STATUS_LABELS: Record<EngagementStatus, string> = {
  opened: '已发起（待签收）',
  acknowledged: '已签收',
  closed: '已结束',
  refused: '被拒收',
};

const STATE_LABELS: Record<RecommendationState, string> = {
  open: '待答复',
  answered: '已答复',
  overdue: '逾期未答复',
};

/** Whether the grant covers `today` (a China date). */
export function grantInForce(engagement: Engagement, today: string): boolean {
  return (
    !!engagement.grantedAreas &&
    !!engagement.grantFrom &&
    !!engagement.grantUntil &&
    engagement.grantFrom <= today &&
    today <= engagement.grantUntil
  );
}

/** Open, answered, or overdue: unanswered after its answer-by day (China date of `now`). */
export function recommendationState(r: Recommendation, now: Date): RecommendationState {
  if (r.answeredAt) return 'answered';
  return chinaDate(now) > r.answerBy ? 'overdue' : 'open';
}

export function mapEngagement(e: Engagement, now: Date, names: NodeNames): EngagementView {
  return {
    id: e.id,
    role: e.role,
    roleLabel: e.role === 'overseeing' ? '督导方' : '被督导方',
    overseeingNode: e.overseeingNode,
    overseeingNodeLabel: names.label(e.overseeingNode),
    overseenNode: e.overseenNode,
    overseenNodeLabel: names.label(e.overseenNode),
    form: e.form,
    formLabel: FORM_LABELS[e.form],
    roundId: e.roundId,
    title: e.title,
    windowStart: e.windowStart,
    windowEnd: e.windowEnd,
    people: e.people.map((p) => ({ name: p.name, post: p.post })),
    checklist: e.checklist.map((code) => ({ code, area: areaOf(code), label: ITEM_LABELS[code] })),
    areas: areasOf(e.checklist),
    status: e.status,
    statusLabel: STATUS_LABELS[e.status],
    acknowledgedAt: e.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: e.acknowledgedBy,
    grantedAreas: e.grantedAreas,
    grantFrom: e.grantFrom,
    grantUntil: e.grantUntil,
    grantInForce: grantInForce(e, chinaDate(now)),
    assessment: e.assessment,
    closedAt: e.closedAt?.toISOString() ?? null,
    refusalReason: e.refusalReason,
    createdAt: e.createdAt.toISOString(),
  };
}

export function mapObservationEvidence(e: ObservationEvidence): ObservationEvidenceView {
  return {
    id: e.id,
    filename: e.filename,
    contentType: e.contentType,
    size: e.size,
    sha256: e.sha256,
    uploadedBy: e.uploadedBy,
    uploadedAt: e.uploadedAt.toISOString(),
  };
}

export function mapObservation(
  o: Observation,
  evidence: ObservationEvidence[] = [],
): ObservationView {
  return {
    id: o.id,
    item: o.item,
    itemLabel: ITEM_LABELS[o.item],
    text: o.text,
    recordedBy: o.recordedBy,
    recordedAt: o.recordedAt.toISOString(),
    evidence: evidence.filter((e) => e.observationId === o.id).map(mapObservationEvidence),
  };
}

export function mapAttendee(a: Attendee): AttendeeView {
  return { id: a.id, name: a.name, unit: a.unit, recordedAt: a.recordedAt.toISOString() };
}

export function mapRecommendation(r: Recommendation, now: Date): OversightRecommendationView {
  const state = recommendationState(r, now);
  return {
    id: r.id,
    engagementId: r.engagementId,
    item: r.item,
    itemLabel: ITEM_LABELS[r.item],
    text: r.text,
    answerBy: r.answerBy,
    answer: r.answer,
    answeredAt: r.answeredAt?.toISOString() ?? null,
    answeredBy: r.answeredBy,
    state,
    stateLabel: STATE_LABELS[state],
  };
}

export { AREA_LABELS };
