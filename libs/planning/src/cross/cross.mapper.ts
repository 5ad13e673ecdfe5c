import { CrossOrder } from '../entities';
import { STATUS_LABELS } from '../labels';
import { CrossOrderView, CrossPairView, RotationPlanView } from './cross.dto';
import type { RotationPlan } from './rotation-planner';

/** `label` names a node as 井陉县（130121）(NodeNames.label). */
export function mapCrossOrder(o: CrossOrder, label: (nodeId: string) => string): CrossOrderView {
  return {
    id: o.id,
    role: o.role,
    roundId: o.roundId,
    localRoundId: o.localRoundId,
    orderingNode: o.orderingNode,
    orderingNodeLabel: label(o.orderingNode),
    visitingNode: o.visitingNode,
    visitingNodeLabel: label(o.visitingNode),
    inspectedNode: o.inspectedNode,
    inspectedNodeLabel: label(o.inspectedNode),
    organizationCodes: o.organizationCodes,
    windowStart: o.windowStart,
    windowEnd: o.windowEnd,
    eventIds: o.eventIds,
    status: o.status,
    refusalReason: o.refusalReason,
    createdAt: o.createdAt.toISOString(),
    statusLabel: STATUS_LABELS[o.status] ?? o.status,
  };
}

const mapPair = (p: CrossPairView): CrossPairView => ({
  visitingNode: p.visitingNode,
  inspectedNode: p.inspectedNode,
});

export function mapRotationPlan(
  plan: RotationPlan & { previousPairs: CrossPairView[] },
): RotationPlanView {
  const previousPairs = plan.previousPairs.map(mapPair);
  return plan.feasible
    ? { feasible: true, assignments: plan.assignments.map(mapPair), previousPairs }
    : {
        feasible: false,
        reasons: plan.reasons.map((r) => r.zh),
        reasonsEn: plan.reasons.map((r) => r.en),
        previousPairs,
      };
}
