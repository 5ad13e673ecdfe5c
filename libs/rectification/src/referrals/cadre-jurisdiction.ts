import { Inject, Injectable } from '@nestjs/common';
import {
  registeredNode,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
} from '@liandong/messaging';
import { TIER_LABELS, TIERS } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { ReferralDto } from '../dto/referral.dto';
import { REFERRAL_KIND_LABELS } from '../labels';
import { rectificationRefusal } from '../rectification.errors';

/**
 * 干部管理权限: which node's body receives a referral — by the tier that manages the cadre for
 * a clue or a cadre-selection problem (this node or one of its ancestors, or the inspected
 * organization's own node), else the organization's own node.
 */
@Injectable()
export class CadreJurisdiction {
  constructor(
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async targetOf(
    manager: EntityManager,
    ownerNode: string,
    dto: Pick<ReferralDto, 'kind' | 'cadreTier'>,
  ): Promise<string> {
    if (dto.kind !== 'clue' && dto.kind !== 'cadre_selection') return ownerNode;
    if (!dto.cadreTier)
      throw rectificationRefusal(
        'CADRE_TIER_REQUIRED',
        {
          zh: `移交${REFERRAL_KIND_LABELS[dto.kind]}时须填写干部管理层级（中央、省级、市级或县级），据此确定由哪一级机关受理`,
          en: 'cadreTier is required for a clue or a cadre-selection problem: it decides which body has jurisdiction (干部管理权限)',
        },
        400,
      );
    // The path runs central first, one node per tier: the tier's index is its place in it.
    const { nodeId: self, path, tier } = this.options.identity;
    const depth = TIERS.indexOf(dto.cadreTier);
    if (depth < path.length) return path[depth];
    const owner = await registeredNode(manager, ownerNode);
    if (owner?.tier === dto.cadreTier) return ownerNode;
    if (ownerNode === self && tier === dto.cadreTier) return self;
    const tierLabel = TIER_LABELS[dto.cadreTier];
    throw rectificationRefusal('NO_BODY_WITH_JURISDICTION', {
      zh: `${this.names.label(self)}及其上级、被巡察对象所在的${this.names.label(ownerNode)}都不是${tierLabel}节点，找不到管理该干部的${tierLabel}受理机关。请核对干部管理层级`,
      en: `no node on this line (${this.names.label(self)} and its ancestors, or the organization's ${this.names.label(ownerNode)}) is at the ${dto.cadreTier} tier that manages the cadre`,
    });
  }
}
