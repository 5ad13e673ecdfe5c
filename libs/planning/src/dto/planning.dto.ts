import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { ROUND_TYPES, SOURCE_BODIES } from '@liandong/protocol';
import { AcceptLabels, IsCalendarDate, IsNotBlank } from '@liandong/protocol';
import { CATEGORIES, CATEGORY_CODES } from '../categories';
import {
  COVERAGE_STATUS_LABELS,
  ROUND_TYPE_LABELS,
  ROUND_TYPE_SHORT_LABELS,
  SOURCE_BODY_LABELS,
} from '../labels';
import { PageQuery } from '@liandong/common';
import type { RoundType, SourceBody } from '@liandong/protocol';

const NODE = /^\d{6}$/;
const NODE_MESSAGE = { message: '$property must be a six-digit division code' };

export class CreateTermDto {
  @ApiProperty({ example: '第十一届' })
  @IsString()
  @IsNotBlank()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ example: '2026-01-01' })
  @IsCalendarDate()
  startsOn!: string;

  @ApiPropertyOptional({
    description: 'defaults to five years after startsOn; must be after startsOn',
    example: '2031-01-01',
  })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string;
}

export class CreateRoundDto {
  @ApiProperty({
    enum: ROUND_TYPES,
    description:
      '常规 regular, 专项 thematic, 机动 mobile, 回头看 follow_up; the Chinese (常规 or 常规巡察, …) is accepted too',
  })
  @AcceptLabels(ROUND_TYPE_LABELS)
  @AcceptLabels(ROUND_TYPE_SHORT_LABELS)
  @IsIn(ROUND_TYPES)
  type!: RoundType;

  @ApiProperty({ example: '乡村振兴领域专项巡察' })
  @IsString()
  @IsNotBlank()
  @Length(1, 200)
  theme!: string;

  @ApiProperty({ example: '2027-03-01' })
  @IsCalendarDate()
  windowStart!: string;

  @ApiProperty({ example: '2027-05-31', description: 'not before windowStart' })
  @IsCalendarDate()
  windowEnd!: string;

  @ApiPropertyOptional({ description: '巡视带巡察: ask every child node for a linked round' })
  @IsOptional()
  @IsBoolean()
  linkChildren?: boolean;
}

export class ScheduleInspectionDto {
  @ApiProperty({ example: '130121001' })
  @IsString()
  @IsNotBlank()
  @Length(1, 64)
  organizationCode!: string;

  @ApiPropertyOptional({
    description:
      "the node whose registry holds it; a descendant's makes this an escalated inspection (提级巡察)",
  })
  @IsOptional()
  @Matches(NODE, NODE_MESSAGE)
  ownerNode?: string;
}

export class TeamDto {
  @ApiProperty({ description: '组长' })
  @IsUUID()
  leaderId!: string;

  @ApiPropertyOptional({
    description: '副组长: checks findings before the leader signs them; not the leader',
  })
  @IsOptional()
  @IsUUID()
  deputyLeaderId?: string;

  @ApiProperty({
    type: [String],
    description: '成员: each once, and neither the leader nor the deputy leader',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  memberIds!: string[];
}

export class FeedbackDto {
  @ApiProperty({ example: '反馈意见：发现问题 5 个，要求限期整改。' })
  @IsString()
  @IsNotBlank()
  @Length(1, 5000)
  summary!: string;
}

export class HandBackDto {
  @ApiProperty({ example: '整改监督移交井陉县委巡察办。' })
  @IsString()
  @IsNotBlank()
  @Length(1, 5000)
  notes!: string;
}

export class CrossAssignmentDto {
  @ApiProperty({ example: '130121' })
  @Matches(NODE, NODE_MESSAGE)
  visitingNode!: string;

  @ApiProperty({ example: '130123' })
  @Matches(NODE, NODE_MESSAGE)
  inspectedNode!: string;

  @ApiProperty({ type: [String], example: ['130123-001'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @Length(1, 64, { each: true })
  organizationCodes!: string[];
}

export class CrossOrderDto {
  @ApiProperty()
  @IsUUID()
  roundId!: string;

  @ApiProperty({ type: [CrossAssignmentDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CrossAssignmentDto)
  assignments!: CrossAssignmentDto[];
}

export class CrossConflictDto {
  @ApiProperty() @Matches(NODE, NODE_MESSAGE) visitingNode!: string;
  @ApiProperty() @Matches(NODE, NODE_MESSAGE) inspectedNode!: string;

  @ApiProperty({ example: '组长张某原籍正定县' })
  @IsString()
  @IsNotBlank()
  @Length(1, 200)
  reason!: string;
}

export class RotationPlanDto {
  @ApiProperty({ type: [String], example: ['130121', '130123', '130125'] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(64)
  @Matches(NODE, { each: true, message: 'each of peers must be a six-digit division code' })
  peers!: string[];

  @ApiPropertyOptional({ description: 'the previous round: its pairs are not repeated' })
  @IsOptional()
  @IsUUID()
  previousRoundId?: string;

  @ApiPropertyOptional({ type: [CrossConflictDto], description: 'known recusal conflicts' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4096)
  @ValidateNested({ each: true })
  @Type(() => CrossConflictDto)
  conflicts?: CrossConflictDto[];
}

export class PostDto {
  @ApiProperty({ example: '130121' }) @Matches(NODE, NODE_MESSAGE) nodeId!: string;
  @ApiProperty() @IsString() @IsNotBlank() @Length(1, 64) unitCode!: string;
  @ApiProperty() @IsString() @IsNotBlank() @Length(1, 200) unitName!: string;
  @ApiProperty({ example: '副局长' }) @IsString() @IsNotBlank() @Length(1, 100) title!: string;
  @ApiProperty({ example: '2019-01-01' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    required: false,
    example: '2023-12-31',
    description: 'empty (or null) while the post is held; not before from',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string | null;
}

export class RelationDto {
  @ApiProperty() @IsString() @IsNotBlank() @Length(1, 50) name!: string;
  @ApiProperty({ example: '配偶' }) @IsString() @IsNotBlank() @Length(1, 20) relation!: string;
  @ApiProperty({ example: '130121' }) @Matches(NODE, NODE_MESSAGE) nodeId!: string;
  @ApiProperty() @IsString() @IsNotBlank() @Length(1, 64) unitCode!: string;
  @ApiProperty() @IsString() @IsNotBlank() @Length(1, 200) unitName!: string;
}

export class PersonDto {
  @ApiProperty({ example: '王五' })
  @IsString()
  @IsNotBlank()
  @Length(1, 50)
  name!: string;

  @ApiProperty({
    enum: SOURCE_BODIES,
    description:
      '来源单位: 纪检、组织、审计、财政、司法、信访…; the Chinese label (纪检监察机关, 审计机关, …) is accepted too',
  })
  @AcceptLabels(SOURCE_BODY_LABELS)
  @IsIn(SOURCE_BODIES)
  sourceBody!: SourceBody;

  @ApiProperty({ example: '130121', description: 'the jurisdiction the person comes from' })
  @Matches(NODE, NODE_MESSAGE)
  homeJurisdiction!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    required: false,
    description: 'registry code of the home unit',
  })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @Length(1, 64)
  homeUnitCode?: string | null;

  @ApiProperty({ example: '井陉县纪委监委' })
  @IsString()
  @IsNotBlank()
  @Length(1, 200)
  homeUnitName!: string;

  @ApiPropertyOptional({
    description:
      "this node's user account of the person (to act on the team); the account must exist on this node",
  })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @Length(1, 64)
  username?: string;

  @ApiPropertyOptional({ type: [PostDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PostDto)
  posts?: PostDto[];

  @ApiPropertyOptional({ type: [RelationDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RelationDto)
  relations?: RelationDto[];
}

export class SecondmentDto {
  @ApiProperty({ example: '130100' })
  @Matches(NODE, NODE_MESSAGE)
  lendingNode!: string;

  @ApiProperty({ description: "the person's id in the lending node's pool" })
  @IsUUID()
  personId!: string;

  @ApiProperty({ example: '2026-11-01' })
  @IsCalendarDate()
  startsOn!: string;

  @ApiProperty({ example: '2027-06-30', description: 'not before startsOn' })
  @IsCalendarDate()
  endsOn!: string;

  @ApiProperty({ example: '跟班学习，参加交叉巡察' })
  @IsString()
  @IsNotBlank()
  @Length(1, 500)
  purpose!: string;
}

export class DeclineDto {
  @ApiProperty({ example: '本单位巡察任务繁重' })
  @IsString()
  @IsNotBlank()
  @Length(1, 500)
  reason!: string;
}

const CATEGORY_QUERY = {
  example: 'village',
  description: `a category code (${CATEGORY_CODES.join(', ')}), or its Chinese label (村, 社区, …)`,
};
const STATUS_QUERY = {
  enum: ['covered', 'remaining'],
  description: '已覆盖 covered or 未覆盖 remaining (the Chinese is accepted too)',
};

export class CoverageOrganizationsQuery extends PageQuery {
  @ApiPropertyOptional(CATEGORY_QUERY)
  @IsOptional()
  @AcceptLabels(CATEGORIES)
  @IsString()
  @Length(1, 40)
  category?: string;

  @ApiPropertyOptional(STATUS_QUERY)
  @IsOptional()
  @AcceptLabels(COVERAGE_STATUS_LABELS)
  @IsIn(['covered', 'remaining'])
  status?: 'covered' | 'remaining';
}

export class CoverageExportQuery {
  @ApiPropertyOptional(STATUS_QUERY)
  @IsOptional()
  @AcceptLabels(COVERAGE_STATUS_LABELS)
  @IsIn(['covered', 'remaining'])
  status?: 'covered' | 'remaining';

  @ApiPropertyOptional(CATEGORY_QUERY)
  @IsOptional()
  @AcceptLabels(CATEGORIES)
  @IsString()
  @Length(1, 40)
  category?: string;

  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}

export class RoundQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  roundId?: string;
}
