import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { TIER_LABELS, Tier } from '@liandong/protocol';
import { IsIn, IsOptional } from 'class-validator';
import { LimitQuery } from './limit.query';
import { DataSource } from 'typeorm';
import { Allow, Authenticated, Public } from '@liandong/access';
import {
  DeadLetter,
  FederationNode,
  MESSAGING_OPTIONS,
  MessagingOptions,
} from '@liandong/messaging';

export class DeadLetterQuery extends LimitQuery {
  @ApiPropertyOptional({ enum: ['rejected', 'dead_lettered'] })
  @IsOptional()
  @IsIn(['rejected', 'dead_lettered'])
  kind?: 'rejected' | 'dead_lettered';
}

export class DeadLetterView {
  @ApiProperty() id!: string;
  @ApiProperty({
    enum: ['rejected', 'dead_lettered'],
    description:
      'rejected: never applied (authenticity, authority, sequence, expiry); dead_lettered: authentic but unprocessable',
  })
  kind!: string;
  @ApiProperty({ example: 'BAD_SIGNATURE' }) reasonCode!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ nullable: true, type: String }) eventId!: string | null;
  @ApiProperty({ nullable: true, type: String }) eventType!: string | null;
  @ApiProperty({ nullable: true, type: String }) issuer!: string | null;
  @ApiProperty({ nullable: true, type: String }) hopFrom!: string | null;
  @ApiProperty() recordedAt!: string;
}

export class FederationNodeView {
  @ApiProperty({ example: '130121' }) nodeId!: string;
  @ApiProperty({ example: '井陉县' }) name!: string;
  @ApiProperty({ example: 'county' }) tier!: string;
  @ApiProperty({ example: '县级' }) tierLabel!: string;
  @ApiProperty({ nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ type: [String] }) path!: string[];
}

export class OutboxSummaryView {
  @ApiProperty({ example: { pending: 0, published: 2, delivered: 40, refused: 0 } })
  byStatus!: Record<string, number>;
  @ApiProperty({ description: 'events published but not yet receipted by their receiver' })
  awaitingReceipt!: number;
}

@ApiTags('federation')
@Controller()
export class FederationController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  @Get('federation/identity')
  @ApiOperation({ summary: '本节点的身份：代码、名称、层级、上级（登录页显示，无需登录）' })
  @Public()
  @ApiOkResponse({ type: FederationNodeView, description: 'this node' })
  identity(): FederationNodeView {
    const { identity } = this.options;
    return {
      nodeId: identity.nodeId,
      name: identity.name,
      tier: identity.tier,
      tierLabel: TIER_LABELS[identity.tier],
      parentId: identity.parentId,
      path: identity.path,
    };
  }

  @Get('federation/nodes')
  @ApiOperation({ summary: '本节点下辖的各级节点' })
  @Authenticated()
  @ApiOkResponse({
    type: [FederationNodeView],
    description: 'the nodes of this node’s subtree that have registered',
  })
  async nodes(): Promise<FederationNodeView[]> {
    const rows = await this.dataSource
      .getRepository(FederationNode)
      .find({ order: { nodeId: 'ASC' } });
    return rows.map((row) => ({
      nodeId: row.nodeId,
      name: row.name,
      tier: row.tier,
      tierLabel: TIER_LABELS[row.tier as Tier] ?? row.tier,
      parentId: row.parentId,
      path: row.path,
    }));
  }

  @Get('dead-letters')
  @ApiOperation({ summary: '被拒收的消息及原因（死信）' })
  @Allow('admin', 'inspection_office')
  @ApiOkResponse({
    type: [DeadLetterView],
    description: 'refused and dead-lettered envelopes, newest first',
  })
  async deadLetters(@Query() query: DeadLetterQuery): Promise<DeadLetterView[]> {
    const rows = await this.dataSource.getRepository(DeadLetter).find({
      where: query.kind ? { kind: query.kind } : {},
      order: { id: 'DESC' },
      take: query.limit ?? 100,
    });
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      reasonCode: row.reasonCode,
      reason: row.reason,
      eventId: row.eventId,
      eventType: row.eventType,
      issuer: row.issuer,
      hopFrom: row.hopFrom,
      recordedAt: row.recordedAt.toISOString(),
    }));
  }

  @Get('outbox/summary')
  @ApiOperation({ summary: '发件箱：等待对方回执的消息数' })
  @Allow('admin', 'inspection_office')
  @ApiOkResponse({ type: OutboxSummaryView })
  async outboxSummary(): Promise<OutboxSummaryView> {
    const rows: Array<{ status: string; count: string }> = await this.dataSource.query(
      `SELECT status, count(*) AS count FROM outbox GROUP BY status`,
    );
    const byStatus: Record<string, number> = { pending: 0, published: 0, delivered: 0, refused: 0 };
    for (const row of rows) byStatus[row.status] = Number(row.count);
    return { byStatus, awaitingReceipt: byStatus.published };
  }
}
