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
  TIERS,
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

export class ConfidentialAnnexView {
  @ApiProperty() recipientNode!: string;
  @ApiProperty({ enum: BODIES }) body!: string;
  @ApiProperty({ example: '纪检监察机关' }) bodyLabel!: string;
}

export class OpenedAnnexView extends ConfidentialAnnexView {
  @ApiProperty() text!: string;
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

export class DirectiveView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['issued', 'received'] }) origin!: string;
  @ApiProperty() issuerNode!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ enum: DIRECTIVE_SCOPES }) scope!: string;
  @ApiProperty() reportDueAt!: string;
  @ApiProperty({ nullable: true, type: String }) parentDirectiveId!: string | null;
  @ApiProperty({ type: [PolicyChangeDto] }) policies!: PolicyChangeDto[];
  @ApiProperty() issuedAt!: string;
  @ApiProperty({ nullable: true, type: String }) receivedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) acknowledgedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) acknowledgedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) relayedDirectiveId!: string | null;
  @ApiProperty({ nullable: true, type: String }) reportedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) reportSummary!: string | null;
  @ApiProperty({ description: 'received here, report not filed, and the due date has passed' })
  overdue!: boolean;
  @ApiProperty({
    type: [ConfidentialAnnexView],
    description: 'who may read the sealed annexes (the text is never shown here)',
  })
  confidentialAnnexes!: ConfidentialAnnexView[];
}

/** Where a receiving node stands with a directive, as one value (the console colours it). */
export const RECIPIENT_STATES = [
  'not_delivered',
  'delivered',
  'acknowledged',
  'relayed',
  'reported',
] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];

export class RecipientStatusView {
  @ApiProperty({ example: '130121' }) nodeId!: string;
  @ApiProperty({ example: '井陉县' }) name!: string;
  @ApiProperty({ example: 'county' }) tier!: string;
  @ApiProperty({ example: '县级' }) tierLabel!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '130100',
    description: 'the node above it, to draw the subtree as a tree',
  })
  parentId!: string | null;
  @ApiProperty({
    enum: RECIPIENT_STATES,
    description:
      'the furthest step reached: not_delivered 未送达, delivered 已送达, acknowledged 已签收, relayed 已转发, reported 已报告; `overdue` says whether the report is late',
  })
  state!: RecipientState;
  @ApiProperty({ nullable: true, type: String }) receivedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) acknowledgedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) relayedAt!: string | null;
  @ApiProperty() received!: boolean;
  @ApiProperty() acknowledged!: boolean;
  @ApiProperty() relayed!: boolean;
  @ApiProperty() reported!: boolean;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ example: '已签收', description: 'zh-CN status label' }) statusLabel!: string;
  @ApiProperty({ nullable: true, type: String }) acknowledgedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) reportedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) reportSummary!: string | null;
}

export class DirectiveStatusView {
  @ApiProperty({ type: DirectiveView }) directive!: DirectiveView;
  @ApiProperty({ type: [RecipientStatusView] }) nodes!: RecipientStatusView[];
  @ApiProperty({
    example: { nodes: 6, received: 6, acknowledged: 6, relayed: 2, reported: 3, overdue: 0 },
  })
  totals!: Record<
    'nodes' | 'received' | 'acknowledged' | 'relayed' | 'reported' | 'overdue',
    number
  >;
}

export class PolicyVersionView {
  @ApiProperty() key!: string;
  @ApiProperty() value!: number;
  @ApiProperty() effectiveFrom!: string;
  @ApiProperty({ nullable: true, type: String }) directiveId!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'the node whose directive set it; null for the baseline',
  })
  setByNode!: string | null;
}

export class PolicyInForceQuery {
  @ApiProperty({ example: '2026-12-15', description: 'the day to ask about (YYYY-MM-DD)' })
  @IsCalendarDate()
  on!: string;
}

/** The rule in force, and who set it. */
export class RuleInForceView extends PolicyVersionView {
  @ApiProperty({
    example: '中央（000000）',
    description: '设定者 who set it (默认 for the baseline)',
  })
  setByLabel!: string;
}

/** 规则目录: one rule, its type and range, its owner, and what is in force here today. */
export class RuleView {
  @ApiProperty({ example: 'rectification.progress_report_months' }) key!: string;
  @ApiProperty({ example: '整改进展情况报告期限' }) label!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ example: '个月' }) unit!: string;
  @ApiProperty() integer!: boolean;
  @ApiProperty({ example: 1 }) min!: number;
  @ApiProperty({ example: 12 }) max!: number;
  @ApiProperty({ enum: TIERS, example: 'central' }) owner!: string;
  @ApiProperty({ example: '中央' }) ownerLabel!: string;
  @ApiProperty({ enum: ['lower', 'higher'] }) stricter!: 'lower' | 'higher';
  @ApiProperty({ example: '下级只能从严（更短）' }) stricterLabel!: string;
  @ApiProperty({ example: 2 }) baseline!: number;
  @ApiProperty({ type: RuleInForceView, nullable: true, description: 'in force today here' })
  inForce!: RuleInForceView | null;
  @ApiProperty({ type: [PolicyVersionView] }) versions!: PolicyVersionView[];
}
