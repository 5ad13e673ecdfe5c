import { Inject, Injectable } from '@nestjs/common';
import {
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
  registeredNode,
} from '@liandong/messaging';
import { Tier, TIER_LABELS, TIERS } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { exchangeRefusal } from '../exchange.errors';

/**
 * Which node's body is asked: a node named by the office — this node, an ancestor, or a
 * registered descendant — or, as referrals are routed by cadre jurisdiction (干部管理权限),
 * the node of the tier that manages the target's cadres on this node's line (an ancestor, or
 * the target's own node when it is a descendant of that tier). This node when neither is given.
 */
@Injectable()
export class RequestRouting {
  constructor(
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async targetOf(
    manager: EntityManager,
    ownerNode: string,
    to: { targetNode?: string; cadreTier?: Tier },
  ): Promise<string> {
    const { nodeId: self, path } = this.options.identity;
    if (to.targetNode) return this.onLine(manager, to.targetNode);
    if (!to.cadreTier) return self;
    const depth = TIERS.indexOf(to.cadreTier);
    if (depth < path.length) return path[depth];
    const owner = ownerNode === self ? null : await registeredNode(manager, ownerNode);
    if (owner?.tier === to.cadreTier && owner.path.includes(self)) return ownerNode;
    throw exchangeRefusal('NO_NODE_AT_TIER', {
      zh: `${this.names.label(self)}及其上级、被巡察对象所在的节点都不是${TIER_LABELS[to.cadreTier]}节点，找不到管理该对象干部的机关。请核对干部管理层级，或直接选择要征询的节点`,
      en: `no node on the line of ${self} is at the ${to.cadreTier} tier`,
    });
  }

  /** This node, one of its ancestors, or a descendant registered here; else refused. */
  private async onLine(manager: EntityManager, target: string): Promise<string> {
    const { nodeId: self, path } = this.options.identity;
    if (path.includes(target)) return target;
    const node = await registeredNode(manager, target);
    if (node && node.path.slice(0, -1).includes(self)) return target;
    throw exchangeRefusal('NOT_ON_LINE', {
      zh: `${this.names.label(target)}既不是${this.names.label(self)}的上级，也不是其下级。信息沟通只能向本级、上级或下级的机关发出`,
      en: `${target} is neither an ancestor nor a registered descendant of ${self}; requests follow the tree`,
    });
  }
}
