import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsCalendarDate } from '@liandong/protocol';
import { auditActionLabel } from './audit-labels';
import { LimitQuery } from './limit.query';
import { DataSource } from 'typeorm';
import { Allow } from '@liandong/access';
import {
  AuditEntry,
  AuditWitnessService,
  readAuditChain,
  verifyAuditChain,
} from '@liandong/messaging';

export class AuditQuery extends LimitQuery {
  @ApiPropertyOptional({ description: 'part of who acted (user:王五, node:130121, system)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  actor?: string;

  @ApiPropertyOptional({
    description: 'an action or the start of one (directive. for every directive action)',
    example: 'directive.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  action?: string;

  @ApiPropertyOptional({ description: 'from this day (Beijing), inclusive', example: '2026-12-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'to this day (Beijing), inclusive', example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    description: 'only entries before this chain position (paging backwards)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  before?: number;
}

export class AuditEntryView {
  @ApiProperty({ description: 'position in the hash chain' }) seq!: number;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({
    example: 'user:巡察办 王五',
    description: 'a person (user:…), a remote node (node:…) or system',
  })
  actor!: string;
  @ApiProperty({ example: 'directive.acknowledged' }) action!: string;
  @ApiProperty({ example: '签收部署' }) actionLabel!: string;
  @ApiProperty() subjectType!: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty({ type: Object }) detail!: Record<string, unknown>;
  @ApiProperty() hash!: string;
}

export class AuditProblemView {
  @ApiProperty() seq!: number;
  @ApiProperty() problem!: string;
}

export class AuditVerificationView {
  @ApiProperty() ok!: boolean;
  @ApiProperty() entries!: number;
  @ApiProperty({ type: Object, example: { seq: 42, hash: '…' } }) head!: {
    seq: number;
    hash: string;
  };
  @ApiProperty() witnessesChecked!: number;
  @ApiProperty({ type: [AuditProblemView] }) problems!: AuditProblemView[];
}

export class AuditWitnessView {
  @ApiProperty() seq!: number;
  @ApiProperty() hash!: string;
}

/** The log, newest first, narrowed by who, what and when; paged backwards by chain position. */
function auditEntries(dataSource: DataSource, query: AuditQuery): Promise<AuditEntry[]> {
  const builder = dataSource
    .getRepository(AuditEntry)
    .createQueryBuilder('a')
    .orderBy('a.seq', 'DESC')
    .take(query.limit ?? 100);
  if (query.before) builder.andWhere('a.seq < :before', { before: String(query.before) });
  if (query.actor) builder.andWhere('strpos(a.actor, :actor) > 0', { actor: query.actor });
  if (query.action)
    builder.andWhere('left(a.action, length(:action)) = :action', { action: query.action });
  if (query.from)
    builder.andWhere('a.occurred_at >= :from', { from: `${query.from}T00:00:00+08:00` });
  if (query.to)
    builder.andWhere('a.occurred_at < :until', {
      until: new Date(Date.parse(`${query.to}T00:00:00+08:00`) + 86_400_000),
    });
  return builder.getMany();
}

@ApiTags('audit (留痕)')
@Controller('audit')
@Allow('admin', 'leading_group')
export class AuditController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly witnesses: AuditWitnessService,
  ) {}

  @Get()
  @ApiOperation({ summary: '审计日志：谁在何时做了什么（新的在前）' })
  @ApiOkResponse({ type: [AuditEntryView], description: 'who did what, newest first' })
  async list(@Query() query: AuditQuery): Promise<AuditEntryView[]> {
    const rows = await auditEntries(this.dataSource, query);
    return rows.map((row) => ({
      seq: Number(row.seq),
      occurredAt: row.occurredAt.toISOString(),
      actor: row.actor,
      action: row.action,
      actionLabel: auditActionLabel(row.action),
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      detail: row.detail,
      hash: row.hash,
    }));
  }

  @Get('verify')
  @ApiOperation({ summary: '校验本节点审计链是否完整' })
  @ApiOkResponse({
    type: AuditVerificationView,
    description:
      'this node checks its own chain (the parent’s witnesses are checked by the operator CLI)',
  })
  async verify(): Promise<AuditVerificationView> {
    const { rows, head } = await readAuditChain(this.dataSource);
    return verifyAuditChain(rows, head);
  }

  @Get('witnesses/:nodeId')
  @ApiOperation({ summary: '下级节点报来的审计链见证' })
  @ApiOkResponse({
    type: [AuditWitnessView],
    description: 'the audit chain heads a child node has sent here',
  })
  witnessesOf(@Param('nodeId') nodeId: string): Promise<AuditWitnessView[]> {
    return this.witnesses.witnessesOf(nodeId);
  }
}
