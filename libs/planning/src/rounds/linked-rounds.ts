import { Injectable } from '@nestjs/common';
import { RoundShapeV1, uuidv7 } from '@liandong/protocol';
import { AuditService, Clock } from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { Round } from '../entities';
import { insertRound, roundLinkedTo } from './round.repository';

/**
 * This node's round for an ancestor's round, opened the first time it is needed: when the
 * parent links a round (巡视带巡察), or a cross order sends this node's team to a peer.
 */
@Injectable()
export class LinkedRounds {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async open(
    manager: EntityManager,
    shape: RoundShapeV1,
    parentNode: string,
  ): Promise<{ round: Round; opened: boolean }> {
    const existing = await roundLinkedTo(manager, shape.roundId);
    if (existing) return { round: existing, opened: false };
    const round = await insertRound(manager, {
      id: uuidv7(this.clock.now().getTime()),
      type: shape.type,
      theme: shape.theme,
      windowStart: shape.windowStart,
      windowEnd: shape.windowEnd,
      parentRoundId: shape.roundId,
      parentNode,
      createdBy: `node:${parentNode}`,
      createdAt: this.clock.now(),
    });
    await this.audit.record(manager, {
      actor: `node:${parentNode}`,
      action: 'round.opened_for_link',
      subjectType: 'round',
      subjectId: round.id,
      detail: { parentRoundId: shape.roundId, theme: shape.theme },
    });
    return { round, opened: true };
  }
}
