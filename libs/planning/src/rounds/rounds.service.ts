import { Text } from '@liandong/common';
import { Inject, Injectable } from '@nestjs/common';
import {
  nodeAudience,
  RoundLinkAcknowledgedV1,
  RoundLinkedV1,
  RoundShapeV1,
  RoundType,
  uuidv7,
} from '@liandong/protocol';
import {
  AuditService,
  Clock,
  MESSAGING_OPTIONS,
  MessagingOptions,
  OutboxService,
} from '@liandong/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { Round, RoundLink } from '../entities';
import { planningRefusal } from '../planning.errors';

export interface CreateRoundCommand {
  type: RoundType;
  theme: string;
  windowStart: string;
  windowEnd: string;
  /** 巡视带巡察: ask every child for a linked round on the same theme and window. */
  linkChildren?: boolean;
}

/** The refusal text for a round id this node does not hold. */
export function roundNotFound(id: string): Text {
  return {
    zh: `本节点没有编号为 ${id} 的轮次，请检查编号，或先建立轮次（POST /rounds）`,
    en: `there is no round ${id} on this node`,
  };
}

export function roundShape(round: Round): RoundShapeV1 {
  return {
    roundId: round.id,
    type: round.type,
    theme: round.theme,
    windowStart: round.windowStart,
    windowEnd: round.windowEnd,
  };
}

/** 轮次: this node's rounds, and the rounds it opens when an ancestor links one. */
@Injectable()
export class RoundsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async create(command: CreateRoundCommand, actor: string): Promise<Round> {
    if (command.windowEnd < command.windowStart)
      throw planningRefusal(
        'BAD_WINDOW',
        {
          zh: `结束日期（windowEnd）${command.windowEnd} 早于开始日期（windowStart）${command.windowStart}，请检查这两个日期`,
          en: `windowEnd (${command.windowEnd}) must not be before windowStart (${command.windowStart})`,
        },
        400,
      );
    return this.dataSource.transaction(async (manager) => {
      const round = manager.create(Round, {
        id: uuidv7(this.clock.now().getTime()),
        type: command.type,
        theme: command.theme,
        windowStart: command.windowStart,
        windowEnd: command.windowEnd,
        parentRoundId: null,
        parentNode: null,
        createdBy: actor,
        createdAt: this.clock.now(),
      });
      await manager.insert(Round, round);
      let children: string[] = [];
      if (command.linkChildren) {
        children = await this.outbox.childrenOf(manager, this.options.identity.nodeId);
        if (children.length === 0)
          throw planningRefusal('NO_CHILDREN', {
            zh: '本节点下还没有任何下级节点接入，无法开展巡视带巡察（上下联动轮次）。请先让下级节点接入，或取消“带动下级”（linkChildren）后再建立本轮次',
            en: 'no child node has registered yet, so there is no one to run a linked round; create the round without linkChildren or start the children first',
          });
        const payload: RoundLinkedV1 = roundShape(round);
        await this.outbox.emitMany(
          manager,
          children.map((child) => ({
            type: RoundLinkedV1.type,
            audience: nodeAudience(child),
            payload,
          })),
        );
        await manager.insert(
          RoundLink,
          children.map((child) => ({
            roundId: round.id,
            childNode: child,
            childRoundId: null,
            acknowledgedAt: null,
          })),
        );
      }
      await this.audit.record(manager, {
        actor,
        action: 'round.created',
        subjectType: 'round',
        subjectId: round.id,
        detail: { type: round.type, theme: round.theme, linkedChildren: children },
      });
      return round;
    });
  }

  async get(id: string): Promise<Round> {
    const round = await this.dataSource.manager.findOne(Round, { where: { id } });
    if (!round) throw planningRefusal('ROUND_NOT_FOUND', roundNotFound(id), 404);
    return round;
  }

  /** This node's round for an ancestor's round, opened the first time it is needed. */
  async linkedRound(
    manager: EntityManager,
    shape: RoundShapeV1,
    parentNode: string,
  ): Promise<{ round: Round; opened: boolean }> {
    const existing = await manager.findOne(Round, { where: { parentRoundId: shape.roundId } });
    if (existing) return { round: existing, opened: false };
    const round = manager.create(Round, {
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
    await manager.insert(Round, round);
    await this.audit.record(manager, {
      actor: `node:${parentNode}`,
      action: 'round.opened_for_link',
      subjectType: 'round',
      subjectId: round.id,
      detail: { parentRoundId: shape.roundId, theme: shape.theme },
    });
    return { round, opened: true };
  }

  /** A parent asked for a linked round: open it and acknowledge. */
  async linked(manager: EntityManager, parentNode: string, payload: RoundLinkedV1): Promise<void> {
    const { round } = await this.linkedRound(manager, payload, parentNode);
    const ack: RoundLinkAcknowledgedV1 = {
      parentRoundId: payload.roundId,
      roundId: round.id,
      acknowledgedAt: this.clock.now().toISOString(),
    };
    await this.outbox.emit(manager, {
      type: RoundLinkAcknowledgedV1.type,
      audience: nodeAudience(parentNode),
      payload: ack,
    });
  }

  async linkAcknowledged(
    manager: EntityManager,
    childNode: string,
    payload: RoundLinkAcknowledgedV1,
  ): Promise<boolean> {
    const result = await manager.update(
      RoundLink,
      { roundId: payload.parentRoundId, childNode },
      { childRoundId: payload.roundId, acknowledgedAt: new Date(payload.acknowledgedAt) },
    );
    return Boolean(result.affected);
  }
}
