import type { RoundShapeV1 } from '@liandong/protocol';
import { Inspection, Round, RoundLink } from '../entities';
import { mapInspection } from '../inspections/inspection.mapper';
import { ROUND_TYPE_LABELS } from '../labels';
import { RoundDetailView, RoundLinkView, RoundView } from './round.dto';

export function mapRound(r: Round): RoundView {
  return {
    id: r.id,
    type: r.type,
    theme: r.theme,
    windowStart: r.windowStart,
    windowEnd: r.windowEnd,
    parentRoundId: r.parentRoundId,
    parentNode: r.parentNode,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    typeLabel: ROUND_TYPE_LABELS[r.type],
  };
}

export function mapRoundLink(l: RoundLink): RoundLinkView {
  return {
    roundId: l.roundId,
    childNode: l.childNode,
    childRoundId: l.childRoundId,
    acknowledgedAt: l.acknowledgedAt?.toISOString() ?? null,
  };
}

/** A round with its linked children, its inspections and the results reported under it. */
export function mapRoundDetail(
  round: Round,
  links: RoundLink[],
  inspections: Inspection[],
): RoundDetailView {
  return {
    ...mapRound(round),
    links: links.map(mapRoundLink),
    inspections: inspections.filter((i) => i.role === 'conducting').map(mapInspection),
    reported: inspections.filter((i) => i.role === 'reported').map(mapInspection),
  };
}

/** A round as the events that carry it to other nodes describe it. */
export function roundShape(round: Round): RoundShapeV1 {
  return {
    roundId: round.id,
    type: round.type,
    theme: round.theme,
    windowStart: round.windowStart,
    windowEnd: round.windowEnd,
  };
}
