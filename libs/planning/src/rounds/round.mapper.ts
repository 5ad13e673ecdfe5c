import type { RoundShapeV1 } from '@liandong/protocol';
import { Inspection, Round, RoundLink } from '../entities';
import { mapInspection, NameOfNode } from '../inspections/inspection.mapper';
import { ROUND_TYPE_LABELS } from '../labels';
import { RoundDetailView, RoundLinkView, RoundView } from './round.dto';

export function mapRound(r: Round, names: NameOfNode): RoundView {
  return {
    id: r.id,
    type: r.type,
    theme: r.theme,
    windowStart: r.windowStart,
    windowEnd: r.windowEnd,
    parentRoundId: r.parentRoundId,
    parentNode: r.parentNode,
    parentNodeName: r.parentNode ? (names.name(r.parentNode) ?? null) : null,
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
  names: NameOfNode,
): RoundDetailView {
  const view = (i: Inspection) => mapInspection(i, names);
  return {
    ...mapRound(round, names),
    links: links.map(mapRoundLink),
    inspections: inspections.filter((i) => i.role === 'conducting').map(view),
    reported: inspections.filter((i) => i.role === 'reported').map(view),
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
