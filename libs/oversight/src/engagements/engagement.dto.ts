import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import {
  AcceptLabels,
  IsCalendarDate,
  IsNotBlank,
  OVERSIGHT_AREAS,
  OVERSIGHT_CHECKLIST_ITEMS,
  OVERSIGHT_FORMS,
  type OversightArea,
  type OversightChecklistItem,
  type OversightForm,
} from '@liandong/protocol';
import { FORM_LABELS } from '../checklist';

const day = { type: String, format: 'date', example: '2026-12-10' } as const;

export class OversightPersonDto {
  @ApiProperty({ example: '王某' })
  @IsString()
  @IsNotBlank()
  @Length(1, 50)
  name!: string;

  @ApiProperty({ example: '中央巡视办督导组组长' })
  @IsString()
  @IsNotBlank()
  @Length(1, 100)
  post!: string;
}

/** 开展指导督导: over a descendant's inspection work. */
export class OpenEngagementDto {
  @ApiProperty({ example: '130000', description: 'the overseen node: a registered descendant' })
  @Matches(/^\d{6}$/, { message: '$property must be a six-digit division code' })
  overseenNode!: string;

  @ApiProperty({ enum: OVERSIGHT_FORMS, description: '专题培训辅导 / 工作调研督导 / 现场跟进指导' })
  @AcceptLabels(FORM_LABELS)
  @IsIn(OVERSIGHT_FORMS)
  form!: OversightForm;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "on_site: the overseen node's live round followed",
  })
  @IsOptional()
  @IsUUID()
  roundId?: string | null;

  @ApiProperty({ example: '对河北省巡视工作开展全流程指导督导' })
  @IsString()
  @IsNotBlank()
  @Length(1, 200)
  title!: string;

  @ApiProperty(day)
  @IsCalendarDate()
  windowStart!: string;

  @ApiProperty(day)
  @IsCalendarDate()
  windowEnd!: string;

  @ApiProperty({ type: [OversightPersonDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OversightPersonDto)
  people!: OversightPersonDto[];

  @ApiProperty({ enum: OVERSIGHT_CHECKLIST_ITEMS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(OVERSIGHT_CHECKLIST_ITEMS.length)
  @ArrayUnique()
  @IsIn(OVERSIGHT_CHECKLIST_ITEMS, { each: true })
  checklist!: OversightChecklistItem[];
}

export class AcknowledgeEngagementDto {
  @ApiProperty({ example: '河北省委巡视办' })
  @IsString()
  @IsNotBlank()
  @Length(1, 100)
  acknowledgedBy!: string;
}

/** 授权查阅: the areas of the checklist the overseeing node may read, until the window ends. */
export class GrantAccessDto {
  @ApiProperty({ enum: OVERSIGHT_AREAS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(OVERSIGHT_AREAS.length)
  @ArrayUnique()
  @IsIn(OVERSIGHT_AREAS, { each: true })
  areas!: OversightArea[];
}

export class ObservationDto {
  @ApiProperty({ enum: OVERSIGHT_CHECKLIST_ITEMS })
  @IsIn(OVERSIGHT_CHECKLIST_ITEMS)
  item!: OversightChecklistItem;

  @ApiProperty({ example: '回避规定执行到位，但个别组员回避说明未归档' })
  @IsString()
  @IsNotBlank()
  @Length(1, 5000)
  text!: string;
}

/** The name an evidence file is uploaded under (the file itself is the request body). */
export class EvidenceFileQuery {
  @ApiProperty({
    example: '回避说明登记表.pdf',
    description:
      'the file name; only its base name is kept (no folders, no `..`, no control characters, at most 200 bytes)',
  })
  @IsString()
  @IsNotBlank()
  @Length(1, 200)
  filename!: string;
}

export class AttendeeDto {
  @ApiProperty({ example: '李某' })
  @IsString()
  @IsNotBlank()
  @Length(1, 50)
  name!: string;

  @ApiProperty({ example: '石家庄市委巡察办' })
  @IsString()
  @IsNotBlank()
  @Length(1, 200)
  unit!: string;
}

/** 以干代训: who attended a training engagement. */
export class AttendanceDto {
  @ApiProperty({ type: [AttendeeDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AttendeeDto)
  attendees!: AttendeeDto[];
}

export class RecommendationDto {
  @ApiProperty({ enum: OVERSIGHT_CHECKLIST_ITEMS })
  @IsIn(OVERSIGHT_CHECKLIST_ITEMS)
  item!: OversightChecklistItem;

  @ApiProperty({ example: '建立回避说明归档制度' })
  @IsString()
  @IsNotBlank()
  @Length(1, 5000)
  text!: string;
}

/** 督导结束: the written assessment and the recommendations (督导意见). */
export class CloseEngagementDto {
  @ApiProperty({ example: '河北省巡视工作总体规范，以下方面需改进……' })
  @IsString()
  @IsNotBlank()
  @Length(1, 20000)
  assessment!: string;

  @ApiProperty({ type: [RecommendationDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RecommendationDto)
  recommendations!: RecommendationDto[];
}

export class AnswerRecommendationDto {
  @ApiProperty({ example: '河北省委巡视办' })
  @IsString()
  @IsNotBlank()
  @Length(1, 100)
  answeredBy!: string;

  @ApiProperty({ example: '已制定回避说明归档制度并执行' })
  @IsString()
  @IsNotBlank()
  @Length(1, 20000)
  answer!: string;
}
