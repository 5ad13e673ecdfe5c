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
import { Body, BODIES, DIRECTIVE_SCOPES, DirectiveScope } from '@liandong/protocol';

export class PolicyChangeDto {
  @ApiProperty({
    example: 'rectification.progress_report_months',
    description: 'dotted lowercase policy key',
  })
  @Matches(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, {
    message: 'key must be a dotted lowercase name such as rectification.progress_report_months',
  })
  key!: string;

  @ApiProperty({ example: 3 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @ApiProperty({
    example: '2026-12-01',
    description: 'date (YYYY-MM-DD) from which the value applies',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveFrom must be a date YYYY-MM-DD' })
  effectiveFrom!: string;
}

export class ConfidentialAnnexDto {
  @ApiProperty({ example: '130100', description: 'the node whose receiving body may read it' })
  @Matches(/^\d{6}$/, { message: 'nodeId must be a six-digit division code' })
  nodeId!: string;

  @ApiProperty({ enum: BODIES, example: 'discipline' })
  @IsIn(BODIES)
  body!: Body;

  @ApiProperty({
    example: '关于某某同志的问题线索……',
    description: 'sealed to that body’s key before it leaves this node',
  })
  @IsString()
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
  @Length(1, 200)
  title!: string;

  @ApiProperty({ example: '各地区要结合实际，制定本地区巡察工作计划。' })
  @IsString()
  @Length(1, 20000)
  body!: string;

  @ApiProperty({
    enum: DIRECTIVE_SCOPES,
    description: 'children: direct children only; subtree: every node below this one',
  })
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
  @Length(1, 200)
  title?: string;

  @ApiProperty({ description: 'requirements this node adds for its own area (层层传导)' })
  @IsString()
  @Length(1, 20000)
  requirements!: string;

  @ApiProperty({ enum: DIRECTIVE_SCOPES })
  @IsIn(DIRECTIVE_SCOPES)
  scope!: DirectiveScope;

  @ApiProperty({ example: '2027-01-20T00:00:00.000Z' })
  @IsDateString({ strict: true })
  reportDueAt!: string;

  @ApiProperty({ example: '巡察办 李四' })
  @IsString()
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
  @Length(1, 100)
  acknowledgedBy!: string;
}

export class ReportDirectiveDto {
  @ApiProperty({ example: '巡察办 王五' })
  @IsString()
  @Length(1, 100)
  reportedBy!: string;

  @ApiProperty({
    example: '已制定本县巡察工作计划，完成对12个乡镇的部署。',
    description: 'the implementation report (落实情况)',
  })
  @IsString()
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

export class RecipientStatusView {
  @ApiProperty({ example: '130121' }) nodeId!: string;
  @ApiProperty({ example: '井陉县' }) name!: string;
  @ApiProperty({ example: 'county' }) tier!: string;
  @ApiProperty({ example: '县级' }) tierLabel!: string;
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
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'on must be a date YYYY-MM-DD' })
  on!: string;
}
