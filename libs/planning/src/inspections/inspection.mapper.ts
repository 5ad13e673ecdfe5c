import { Inspection, Person, TeamMember } from '../entities';
import { MODE_LABELS, STATUS_LABELS } from '../labels';
import { InspectionDetailView, InspectionView, TeamMemberView } from './inspection.dto';

const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;

/** How a view names the nodes of an inspection: `NodeNames`, or any lookup like it. */
export interface NameOfNode {
  name(nodeId: string): string | undefined;
}

export function mapInspection(i: Inspection, names: NameOfNode): InspectionView {
  return {
    id: i.id,
    role: i.role,
    mode: i.mode,
    modeLabel: MODE_LABELS[i.mode],
    roundId: i.roundId,
    ownerNode: i.ownerNode,
    conductingNode: i.conductingNode,
    ownerNodeName: names.name(i.ownerNode) ?? null,
    conductingNodeName: names.name(i.conductingNode) ?? null,
    organizationCode: i.organizationCode,
    organizationName: i.organizationName,
    organizationCategory: i.organizationCategory,
    crossOrderId: i.crossOrderId,
    windowStart: i.windowStart,
    windowEnd: i.windowEnd,
    status: i.status,
    statusLabel: STATUS_LABELS[i.status] ?? i.status,
    refusalReason: i.refusalReason,
    feedbackAt: isoOrNull(i.feedbackAt),
    feedbackSummary: i.feedbackSummary,
    handedBackAt: isoOrNull(i.handedBackAt),
    handBackNotes: i.handBackNotes,
  };
}

export function mapInspectionDetail(
  i: Inspection,
  team: Array<TeamMember & { person: Person }>,
  names: NameOfNode,
): InspectionDetailView {
  return {
    ...mapInspection(i, names),
    team: team.map((m): TeamMemberView => ({
      role: m.role,
      personId: m.personId,
      name: m.person.name,
      lentBy: m.person.lentBy,
    })),
  };
}
