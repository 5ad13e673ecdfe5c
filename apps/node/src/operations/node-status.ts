import { Controller, Get, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Allow } from '@liandong/access';
import {
  Clock,
  DeadLetter,
  FederationNode,
  LiveQueries,
  MESSAGING_OPTIONS,
  MessagingOptions,
  OutboxEntry,
} from '@liandong/messaging';
import { Tier, TIER_LABELS } from '@liandong/protocol';
import { DataSource, MoreThan } from 'typeorm';
import { NatsHealthIndicator } from '../health/health.controller';

export class NodeStatusView {
  @ApiProperty({ example: '130121' }) nodeId!: string;
  @ApiProperty({ example: '井陉县' }) name!: string;
  @ApiProperty({ example: 'county' }) tier!: string;
  @ApiProperty({ example: '县级' }) tierLabel!: string;
  @ApiProperty({ nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ description: 'whether the node answered (false: down or cut off)' })
  reachable!: boolean;
  @ApiProperty({ nullable: true, type: Boolean, description: 'null when it did not answer' })
  healthy!: boolean | null;
  @ApiProperty({ type: [String], description: 'what is wrong, in Chinese' })
  problems!: string[];
  @ApiProperty({ nullable: true, type: Number, description: 'events sent, awaiting a receipt' })
  awaitingReceipt!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'refused in the last 24 hours' })
  deadLetters24h!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'envelopes waiting at the broker' })
  inboxPending!: number | null;
}

type OwnStatus = Omit<NodeStatusView, 'reachable'>;

/**
 * How each node of the subtree is doing: this node checks itself; each registered
 * descendant is asked live (the `health` query of protocol.md §10, answered to ancestors)
 * and one that does not answer within 3 s is shown as unreachable.
 */
@Injectable()
export class NodeStatus implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly nats: NatsHealthIndicator,
    private readonly liveQueries: LiveQueries,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  onModuleInit(): void {
    this.liveQueries.answer<unknown, OwnStatus>('health', () => this.own());
  }

  async own(): Promise<OwnStatus> {
    const { identity } = this.options;
    const problems: string[] = [];
    let awaitingReceipt: number | null = null;
    let deadLetters24h: number | null = null;
    try {
      awaitingReceipt = await this.dataSource
        .getRepository(OutboxEntry)
        .count({ where: { status: 'published' } });
      deadLetters24h = await this.dataSource.getRepository(DeadLetter).count({
        where: { recordedAt: MoreThan(new Date(this.clock.now().getTime() - 86_400_000)) },
      });
    } catch (error) {
      problems.push(`数据库无法访问（${(error as Error).message}）`);
    }
    const broker = (await this.nats.check('nats')).nats as {
      status: string;
      message?: string;
      pending?: number;
    };
    if (broker.status !== 'up') problems.push(`消息代理异常：${broker.message ?? '未知原因'}`);
    return {
      nodeId: identity.nodeId,
      name: identity.name,
      tier: identity.tier,
      tierLabel: TIER_LABELS[identity.tier],
      parentId: identity.parentId,
      healthy: problems.length === 0,
      problems,
      awaitingReceipt,
      deadLetters24h,
      inboxPending: broker.pending ?? null,
    };
  }

  async subtree(): Promise<NodeStatusView[]> {
    const self = this.options.identity.nodeId;
    const nodes = await this.dataSource
      .getRepository(FederationNode)
      .find({ order: { nodeId: 'ASC' } });
    const below = nodes.filter((n) => n.nodeId !== self && n.path.includes(self));
    const answers = await Promise.all(
      below.map((node) =>
        this.liveQueries
          .ask<Record<string, never>, OwnStatus>(node.nodeId, 'health', {}, 3000)
          .then((status): NodeStatusView => ({ ...status, reachable: true }))
          .catch((error: Error): NodeStatusView => ({
            nodeId: node.nodeId,
            name: node.name,
            tier: node.tier,
            tierLabel: TIER_LABELS[node.tier as Tier] ?? node.tier,
            parentId: node.parentId,
            reachable: false,
            healthy: null,
            problems: [`节点没有应答（${error.message}）`],
            awaitingReceipt: null,
            deadLetters24h: null,
            inboxPending: null,
          })),
      ),
    );
    return [{ ...(await this.own()), reachable: true }, ...answers];
  }
}

@ApiTags('federation')
@Controller('federation/status')
@Allow('admin', 'inspection_office', 'leading_group')
export class NodeStatusController {
  constructor(private readonly status: NodeStatus) {}

  @Get()
  @ApiOperation({ summary: '本节点及下辖各节点的运行状态：是否应答、健康、待回执、近24小时拒收' })
  @ApiOkResponse({ type: [NodeStatusView], description: 'this node first, then its subtree' })
  subtree(): Promise<NodeStatusView[]> {
    return this.status.subtree();
  }
}
