import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import {
  AcceptLabels,
  Body,
  BODIES,
  BODY_LABELS,
  DIRECTIVE_SCOPES,
  DirectiveScope,
  IsCalendarDate,
  IsNodeId,
  IsNotBlank,
} from '@liandong/protocol';

/** 下级 (children) and 全辖区 (the whole subtree). */
export const SCOPE_LABELS: Record<DirectiveScope, string> = {
  children: '下级',
  subtree: '全辖区',
};

export class PolicyChangeDto {
  @ApiProperty({
    example: 'rectification.progress_report_months',
    description: 'dotted lowercase policy key',
  })
  @Matches(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, {
    message: 'key must be a dotted lowercase name such as rectification.progress_report_months',
  })
  key!: string;

  @ApiProperty({ example: 3, description: 'within the rule’s range (GET /policies)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @ApiProperty({
    example: '2026-12-01',
    description: 'date (YYYY-MM-DD) from which the value applies',
  })
  @IsCalendarDate()
  effectiveFrom!: string;
}

export class ConfidentialAnnexDto {
  @ApiProperty({ example: '130100', description: 'the node whose receiving body may read it' })
  @IsNodeId({ message: 'nodeId must be a six-digit division code' })
  nodeId!: string;

  @ApiProperty({ enum: BODIES, example: 'discipline', description: '也可填中文，如 纪检监察机关' })
  @AcceptLabels(BODY_LABELS)
  @IsIn(BODIES)
  body!: Body;

  @ApiProperty({
    example: '关于某某同志的问题线索……',
    description: 'sealed to that body’s key before it leaves this node',
  })
  @IsString()
  @IsNotBlank()
  @Length(1, 100000)
  text!: string;
}

export class IssueDirectiveDto {
  @ApiProperty({ example: '关于开展新一轮巡视巡察工作的部署', maxLength: 200 })
  @IsString()
  @IsNotBlank()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ example: '各地区要结合实际，制定本地区巡察工作计划。' })
  @IsString()
  @IsNotBlank()
  @Length(1, 20000)
  body!: string;

  @ApiProperty({
    enum: DIRECTIVE_SCOPES,
    description: 'children: direct children only; subtree: every node below this one',
  })
  @AcceptLabels(SCOPE_LABELS)
  @IsIn(DIRECTIVE_SCOPES)
  scope!: DirectiveScope;

  @ApiProperty({
    example: '2027-01-31T00:00:00.000Z',
    description: 'when the implementation report (落实情况) is due',
  })
  @IsDateString({ strict: true })
  reportDueAt!: string;

  @ApiProperty({ example: '巡视办 张三', description: 'who issues it (recorded in the audit log)' })
  @IsString()
  @IsNotBlank()
  @Length(1, 100)
  issuedBy!: string;

  @ApiPropertyOptional({ type: [PolicyChangeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PolicyChangeDto)
  policies?: PolicyChangeDto[];

  @ApiPropertyOptional({
    type: [ConfidentialAnnexDto],
    description: '密件: each sealed to one receiving body of one recipient node',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ConfidentialAnnexDto)
  confidential?: ConfidentialAnnexDto[];
}

export class RelayDirectiveDto {
  @ApiPropertyOptional({ description: 'defaults to the received title with 〔转发〕 prefixed' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @Length(1, 200)
  title?: string;

  @ApiProperty({ description: 'requirements this node adds for its own area (层层传导)' })
  @IsString()
  @IsNotBlank()
  @Length(1, 20000)
  requirements!: string;

  @ApiProperty({ enum: DIRECTIVE_SCOPES })
  @AcceptLabels(SCOPE_LABELS)
  @IsIn(DIRECTIVE_SCOPES)
  scope!: DirectiveScope;

  @ApiProperty({ example: '2027-01-20T00:00:00.000Z' })
  @IsDateString({ strict: true })
  reportDueAt!: string;

  @ApiProperty({ example: '巡察办 李四' })
  @IsString()
  @IsNotBlank()
  @Length(1, 100)
  relayedBy!: string;

  @ApiPropertyOptional({ type: [PolicyChangeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PolicyChangeDto)
  policies?: PolicyChangeDto[];
}

export class AcknowledgeDirectiveDto {
  @ApiProperty({ example: '巡察办 王五', description: 'who acknowledges (签收)' })
  @IsString()
  @IsNotBlank()
  @Length(1, 100)
  acknowledgedBy!: string;
}

export class ReportDirectiveDto {
  @ApiProperty({ example: '巡察办 王五' })
  @IsString()
  @IsNotBlank()
  @Length(1, 100)
  reportedBy!: string;

  @ApiProperty({
    example: '已制定本县巡察工作计划，完成对12个乡镇的部署。',
    description: 'the implementation report (落实情况)',
  })
  @IsString()
  @IsNotBlank()
  @Length(1, 20000)
  summary!: string;
}
export class PolicyInForceQuery {
  @ApiProperty({ example: '2026-12-15', description: 'the day to ask about (YYYY-MM-DD)' })
  @IsCalendarDate()
  on!: string;
}
