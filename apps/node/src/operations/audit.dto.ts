import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsCalendarDate } from '@liandong/protocol';
import { LimitQuery } from './limit.query';

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
