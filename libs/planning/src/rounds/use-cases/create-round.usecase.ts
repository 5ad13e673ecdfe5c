import { Inject, Injectable } from '@nestjs/common';
import { nodeAudience, RoundLinkedV1, uuidv7 } from '@liandong/protocol';
import {
  AuditService,
  Clock,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
  OutboxService,
} from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { planningRefusal } from '../../planning.errors';
import { CreateRoundDto, RoundView } from '../round.dto';
import { mapRound, roundShape } from '../round.mapper';
import { insertLinks, insertRound } from '../round.repository';

/** 轮次: creates a round; with linkChildren (巡视带巡察) every child is asked for a linked round. */
@Injectable()
export class CreateRound {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async execute(command: CreateRoundDto, actor: string): Promise<RoundView> {
    if (command.windowEnd < command.windowStart)
      throw planningRefusal(
        'BAD_WINDOW',
        {
          zh: `结束日期（windowEnd）${command.windowEnd} 早于开始日期（windowStart）${command.windowStart}，请检查这两个日期`,
          en: `windowEnd (${command.windowEnd}) must not be before windowStart (${command.windowStart})`,
        },
        400,
      );
    const round = await this.dataSource.transaction(async (manager) => {
      const round = await insertRound(manager, {
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
        await insertLinks(manager, round.id, children);
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
    return mapRound(round, this.names);
  }
}
