import { Inject, Injectable } from '@nestjs/common';
import { CrossOrderedV1, nodeAudience, Tier, TIER_LABELS, uuidv7 } from '@liandong/protocol';
import {
  AuditService,
  Clock,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
  OutboxService,
  registeredNodes,
} from '@liandong/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { CrossOrder, Round } from '../../entities';
import { planningRefusal } from '../../planning.errors';
import { roundShape } from '../../rounds/round.mapper';
import { findRoundOrFail } from '../../rounds/round.repository';
import { insertCrossOrder, orderedInRound } from '../cross-order.repository';
import { CrossAssignmentDto, CrossOrderDto, CrossOrderView } from '../cross.dto';
import { mapCrossOrder } from '../cross.mapper';

const tierLabel = (tier: string | undefined) =>
  tier && tier in TIER_LABELS ? TIER_LABELS[tier as Tier] : (tier ?? '层级不明');

/**
 * 交叉巡察: the common ancestor orders one peer's team to inspect another peer's
 * organizations in a round — peers below this node, no self-inspection, no reciprocal pair.
 * Each order goes to both peers; the inspected one grants access, and results come back here.
 */
@Injectable()
export class OrderCrossInspection {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  private get self(): string {
    return this.options.identity.nodeId;
  }

  async execute(dto: CrossOrderDto, actor: string): Promise<CrossOrderView[]> {
    const { roundId, assignments } = dto;
    const orders = await this.dataSource.transaction(async (manager) => {
      const round = await findRoundOrFail(manager, roundId);
      await this.checkAssignments(manager, round, assignments);
      const orders: CrossOrder[] = [];
      for (const assignment of assignments) {
        const id = uuidv7(this.clock.now().getTime());
        const payload: CrossOrderedV1 = {
          orderId: id,
          round: roundShape(round),
          visitingNode: assignment.visitingNode,
          inspectedNode: assignment.inspectedNode,
          organizationCodes: [...new Set(assignment.organizationCodes)],
        };
        const envelopes = await this.outbox.emitMany(
          manager,
          [assignment.visitingNode, assignment.inspectedNode].map((node) => ({
            type: CrossOrderedV1.type,
            audience: nodeAudience(node),
            payload,
          })),
        );
        orders.push(
          await insertCrossOrder(manager, {
            id,
            role: 'ordering',
            roundId: round.id,
            localRoundId: null,
            orderingNode: this.self,
            visitingNode: assignment.visitingNode,
            inspectedNode: assignment.inspectedNode,
            organizationCodes: payload.organizationCodes,
            windowStart: round.windowStart,
            windowEnd: round.windowEnd,
            eventIds: envelopes.map((e) => e.id),
            status: 'ordered',
            refusalReason: null,
            createdAt: this.clock.now(),
          }),
        );
      }
      await this.audit.record(manager, {
        actor,
        action: 'cross.ordered',
        subjectType: 'round',
        subjectId: round.id,
        detail: {
          assignments: assignments.map((a) => `${a.visitingNode}→${a.inspectedNode}`),
        },
      });
      return orders;
    });
    return orders.map((o) => mapCrossOrder(o, (id) => this.names.label(id)));
  }

  /** Peers below this node, no self-inspection, no reciprocal pair in the round. */
  private async checkAssignments(
    manager: EntityManager,
    round: Round,
    assignments: CrossAssignmentDto[],
  ): Promise<void> {
    const nodes = [...new Set(assignments.flatMap((a) => [a.visitingNode, a.inspectedNode]))];
    const known = await registeredNodes(manager, nodes);
    const tierOf = new Map(known.map((n) => [n.nodeId, n.tier]));
    const outside = nodes.filter((n) => !tierOf.has(n) || n === this.self);
    if (outside.length > 0)
      throw planningRefusal('NOT_COMMON_ANCESTOR', {
        zh: `${outside.map((n) => this.names.label(n)).join('、')}不是本节点${this.names.label(this.self)}的下级。交叉巡察只能由巡察方和被巡察方共同的上级安排，请检查巡察方（visitingNode）和被巡察方（inspectedNode）的代码，或由共同的上级安排`,
        en: `${outside.join(', ')} ${outside.length > 1 ? 'are' : 'is'} not below ${this.self}; only a common ancestor of both jurisdictions may order a cross inspection (交叉巡察)`,
      });
    const existing = await orderedInRound(manager, round.id);
    const pairs = new Set(existing.map((o) => `${o.visitingNode}>${o.inspectedNode}`));
    for (const a of assignments) {
      const visiting = this.names.label(a.visitingNode);
      const inspected = this.names.label(a.inspectedNode);
      if (a.visitingNode === a.inspectedNode)
        throw planningRefusal('SELF_INSPECTION', {
          zh: `${visiting}不能交叉巡察自己：交叉巡察由同级的另一方派出巡察组。请为它另选一个巡察方或被巡察方`,
          en: `${a.visitingNode} cannot cross-inspect itself; a cross inspection is by a peer's team`,
        });
      const visitingTier = tierOf.get(a.visitingNode);
      const inspectedTier = tierOf.get(a.inspectedNode);
      if (visitingTier !== inspectedTier)
        throw planningRefusal('NOT_PEERS', {
          zh: `${visiting}（${tierLabel(visitingTier)}）与${inspected}（${tierLabel(inspectedTier)}）不是同级，不能交叉巡察。上级巡察下级的党组织，请用提级巡察`,
          en: `${a.visitingNode} (${visitingTier}) and ${a.inspectedNode} (${inspectedTier}) are not peers; an upper tier inspecting a lower one is an escalated inspection`,
        });
      if (pairs.has(`${a.inspectedNode}>${a.visitingNode}`))
        throw planningRefusal('RECIPROCAL_PAIR', {
          zh: `本轮次已安排${inspected}巡察${visiting}，再安排${visiting}巡察${inspected}就成了互查，不符合交叉巡察的要求。请调换安排（可先用 POST /cross-orders/plan 生成轮换方案）`,
          en: `${a.inspectedNode} already inspects ${a.visitingNode} in this round; ${a.visitingNode} inspecting ${a.inspectedNode} would make a reciprocal pair (互查), which defeats cross inspection`,
        });
      pairs.add(`${a.visitingNode}>${a.inspectedNode}`);
    }
  }
}
