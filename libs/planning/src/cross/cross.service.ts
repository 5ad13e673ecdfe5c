import { Injectable, Inject } from '@nestjs/common';
import {
  CrossAccessGrantedV1,
  CrossOrderedV1,
  nodeAudience,
  RefusalError,
  Tier,
  TIER_LABELS,
  uuidv7,
} from '@liandong/protocol';
import {
  AuditService,
  Clock,
  FederationNode,
  InboundReceipt,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
  OutboxService,
} from '@liandong/messaging';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { CrossOrder, Inspection, Organization, Round } from '../entities';
import { CrossConflict, planRotation, RotationPlan } from './rotation-planner';
import { InspectionsService } from '../inspections/inspections.service';
import { LinkedRounds } from '../rounds/linked-rounds';
import { roundShape } from '../rounds/round.mapper';
import { roundNotFound } from '../rounds/round.repository';
import { planningRefusal } from '../planning.errors';

const tierLabel = (tier: string | undefined) =>
  tier && tier in TIER_LABELS ? TIER_LABELS[tier as Tier] : (tier ?? '层级不明');

export interface CrossAssignment {
  visitingNode: string;
  inspectedNode: string;
  organizationCodes: string[];
}

/**
 * 交叉巡察: the common ancestor orders one peer's team to inspect another peer's
 * organizations; the inspected peer grants access to those only; results go to it and to
 * the ordering node.
 */
@Injectable()
export class CrossService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly rounds: LinkedRounds,
    private readonly inspections: InspectionsService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  private get self(): string {
    return this.options.identity.nodeId;
  }

  async order(
    roundId: string,
    assignments: CrossAssignment[],
    actor: string,
  ): Promise<CrossOrder[]> {
    return this.dataSource.transaction(async (manager) => {
      const round = await manager.findOne(Round, { where: { id: roundId } });
      if (!round) throw planningRefusal('ROUND_NOT_FOUND', roundNotFound(roundId), 404);
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
        const order = manager.create(CrossOrder, {
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
        });
        await manager.insert(CrossOrder, order);
        orders.push(order);
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
  }

  /** Peers below this node, no self-inspection, no reciprocal pair in the round. */
  private async checkAssignments(
    manager: EntityManager,
    round: Round,
    assignments: CrossAssignment[],
  ): Promise<void> {
    const nodes = [...new Set(assignments.flatMap((a) => [a.visitingNode, a.inspectedNode]))];
    const known = await manager.find(FederationNode, { where: { nodeId: In(nodes) } });
    const tierOf = new Map(known.map((n) => [n.nodeId, n.tier]));
    const outside = nodes.filter((n) => !tierOf.has(n) || n === this.self);
    if (outside.length > 0)
      throw planningRefusal('NOT_COMMON_ANCESTOR', {
        zh: `${outside.map((n) => this.names.label(n)).join('、')}不是本节点${this.names.label(this.self)}的下级。交叉巡察只能由巡察方和被巡察方共同的上级安排，请检查巡察方（visitingNode）和被巡察方（inspectedNode）的代码，或由共同的上级安排`,
        en: `${outside.join(', ')} ${outside.length > 1 ? 'are' : 'is'} not below ${this.self}; only a common ancestor of both jurisdictions may order a cross inspection (交叉巡察)`,
      });
    const existing = await manager.find(CrossOrder, {
      where: { roundId: round.id, role: 'ordering', status: Not('refused') },
    });
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

  async list(roundId?: string): Promise<CrossOrder[]> {
    return this.dataSource.manager.find(CrossOrder, {
      where: roundId ? { roundId } : {},
      order: { createdAt: 'ASC' },
    });
  }

  /** A rotation for peers in a round, avoiding the previous round's pairs and the conflicts. */
  async plan(request: {
    peers: string[];
    previousRoundId?: string;
    conflicts?: CrossConflict[];
  }): Promise<
    RotationPlan & { previousPairs: Array<{ visitingNode: string; inspectedNode: string }> }
  > {
    const previous = request.previousRoundId
      ? await this.dataSource.manager.find(CrossOrder, {
          where: { roundId: request.previousRoundId, role: 'ordering', status: Not('refused') },
        })
      : [];
    const previousPairs = previous.map((o) => ({
      visitingNode: o.visitingNode,
      inspectedNode: o.inspectedNode,
    }));
    const repeated = [...new Set(request.peers.filter((p, i) => request.peers.indexOf(p) !== i))];
    if (repeated.length > 0)
      throw planningRefusal(
        'BAD_PLAN_REQUEST',
        {
          zh: `参与交叉的同级（peers）中${repeated.map((n) => this.names.label(n)).join('、')}重复出现，请每个节点只列一次`,
          en: `duplicate peer ids: ${repeated.join(', ')}`,
        },
        400,
      );
    try {
      return {
        ...planRotation({
          peers: request.peers,
          label: (id) => this.names.label(id),
          previousPairs,
          conflicts: request.conflicts ?? [],
        }),
        previousPairs,
      };
    } catch (error) {
      throw planningRefusal(
        'BAD_PLAN_REQUEST',
        {
          zh: `无法按所列的参与交叉的同级（peers）生成轮换方案：须为 2 到 64 个各不相同的节点，请检查后重试（${(error as Error).message}）`,
          en: (error as Error).message,
        },
        400,
      );
    }
  }

  /** The order reaches both peers: the visiting one opens a round, the inspected one grants access. */
  async ordered(manager: EntityManager, from: string, payload: CrossOrderedV1): Promise<void> {
    if (payload.visitingNode === payload.inspectedNode)
      throw new RefusalError(
        'CONFLICT',
        `a node cannot cross-inspect itself (${payload.visitingNode})`,
      );
    const role =
      payload.visitingNode === this.self
        ? 'visiting'
        : payload.inspectedNode === this.self
          ? 'inspected'
          : null;
    if (!role)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `${this.self} is neither the visiting nor the inspected node of order ${payload.orderId}`,
      );
    const other = role === 'visiting' ? payload.inspectedNode : payload.visitingNode;
    const reverse = await manager.findOne(CrossOrder, {
      where: {
        roundId: payload.round.roundId,
        role: role === 'visiting' ? 'inspected' : 'visiting',
        [role === 'visiting' ? 'visitingNode' : 'inspectedNode']: other,
        status: Not('refused'),
      },
    });
    if (reverse)
      throw new RefusalError(
        'CONFLICT',
        `reciprocal pair: ${payload.inspectedNode} already inspects ${payload.visitingNode} in round ${payload.round.roundId}`,
      );
    const base = {
      id: payload.orderId,
      roundId: payload.round.roundId,
      orderingNode: from,
      visitingNode: payload.visitingNode,
      inspectedNode: payload.inspectedNode,
      organizationCodes: payload.organizationCodes,
      windowStart: payload.round.windowStart,
      windowEnd: payload.round.windowEnd,
      eventIds: [],
      refusalReason: null,
      createdAt: this.clock.now(),
    };
    if (role === 'visiting') {
      const { round } = await this.rounds.open(manager, payload.round, from);
      await manager.insert(CrossOrder, {
        ...base,
        role,
        localRoundId: round.id,
        status: 'ordered',
      });
    } else {
      const organizations = await this.grantable(manager, payload);
      await manager.insert(CrossOrder, { ...base, role, localRoundId: null, status: 'granted' });
      const granted: CrossAccessGrantedV1 = {
        orderId: payload.orderId,
        organizations: organizations.map((org) => ({
          inspectionId: uuidv7(this.clock.now().getTime()),
          code: org.code,
          name: org.name,
          category: org.category,
        })),
      };
      await this.outbox.emit(manager, {
        type: CrossAccessGrantedV1.type,
        audience: nodeAudience(payload.visitingNode),
        payload: granted,
      });
      await manager.insert(
        Inspection,
        granted.organizations.map((org) =>
          this.inspections.hostedInspection({
            id: org.inspectionId,
            mode: 'cross',
            conductingNode: payload.visitingNode,
            organizationCode: org.code,
            organizationName: org.name,
            organizationCategory: org.category,
            crossOrderId: payload.orderId,
            windowStart: payload.round.windowStart,
            windowEnd: payload.round.windowEnd,
          }),
        ),
      );
    }
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: role === 'visiting' ? 'cross.order_received' : 'cross.access_granted',
      subjectType: 'cross_order',
      subjectId: payload.orderId,
      detail: { visitingNode: payload.visitingNode, inspectedNode: payload.inspectedNode },
    });
  }

  /** The ordered organizations, all in this registry and not already inspected in the window. */
  private async grantable(
    manager: EntityManager,
    payload: CrossOrderedV1,
  ): Promise<Organization[]> {
    const organizations = await manager.find(Organization, {
      where: { code: In(payload.organizationCodes) },
      order: { code: 'ASC' },
    });
    const missing = payload.organizationCodes.filter(
      (c) => !organizations.some((o) => o.code === c),
    );
    if (missing.length > 0)
      throw new RefusalError(
        'NOT_FOUND',
        `not in the registry of ${this.self}: ${missing.join(', ')}`,
      );
    const clash = await this.inspections.clash(
      manager,
      payload.organizationCodes,
      { start: payload.round.windowStart, end: payload.round.windowEnd },
      ['conducting', 'hosted'],
    );
    if (clash)
      throw new RefusalError(
        'CONFLICT',
        `${clash.organizationName} is already being inspected by ${clash.conductingNode} in ${clash.windowStart}–${clash.windowEnd}`,
      );
    return organizations;
  }

  /** A peer's refusal of an order (in its receipt) marks the order refused, with the reason. */
  async receipted(manager: EntityManager, receipts: InboundReceipt[]): Promise<void> {
    const refused = receipts.filter(
      (r) => r.outcome === 'rejected' || r.outcome === 'dead_lettered',
    );
    if (refused.length === 0) return;
    await manager.query(
      `UPDATE cross_order c SET status = 'refused', refusal_reason = v.code || ': ' || v.reason
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(event_id, code, reason)
       WHERE v.event_id = ANY (c.event_ids) AND c.role = 'ordering' AND c.status <> 'refused'`,
      [
        refused.map((r) => r.eventId),
        refused.map((r) => r.reasonCode ?? ''),
        refused.map((r) => r.reason ?? ''),
      ],
    );
  }

  /** Access granted by the inspected peer: this node's team may now inspect those organizations. */
  async accessGranted(
    manager: EntityManager,
    from: string,
    payload: CrossAccessGrantedV1,
  ): Promise<void> {
    const order = await manager.findOne(CrossOrder, {
      where: { id: payload.orderId, role: 'visiting', inspectedNode: from },
    });
    if (!order)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `${this.self} holds no order to inspect ${from} under ${payload.orderId}; only the inspected node of an order may grant access`,
      );
    const outside = payload.organizations.filter((o) => !order.organizationCodes.includes(o.code));
    if (outside.length > 0)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `the grant names organizations outside the order: ${outside.map((o) => o.code).join(', ')}`,
      );
    const round = await manager.findOneOrFail(Round, {
      where: { id: order.localRoundId as string },
    });
    await manager.update(CrossOrder, { id: order.id }, { status: 'granted' });
    await manager.insert(
      Inspection,
      payload.organizations.map((org) =>
        this.inspections.newInspection(round, {
          id: org.inspectionId,
          mode: 'cross',
          ownerNode: from,
          organizationCode: org.code,
          organizationName: org.name,
          organizationCategory: org.category,
          crossOrderId: order.id,
          status: 'planned',
        }),
      ),
    );
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'cross.access_received',
      subjectType: 'cross_order',
      subjectId: order.id,
      detail: { organizations: payload.organizations.map((o) => o.code) },
    });
  }
}
