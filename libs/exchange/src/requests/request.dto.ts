import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBase64,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import {
  AcceptLabels,
  ANSWER_MAX_ATTACHMENTS,
  ASKED_BODIES,
  BODY_LABELS,
  IsCalendarDate,
  IsNodeId,
  IsNotBlank,
  TIER_LABELS,
  TIERS,
} from '@liandong/protocol';
import type { AskedBody, Tier } from '@liandong/protocol';

const ASKED_BODY_LABELS = Object.fromEntries(ASKED_BODIES.map((b) => [b, BODY_LABELS[b]]));
const labelled = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels)
    .map(([code, label]) => `${code} ${label}`)
    .join(', ');

/** 巡前信息沟通 (by the office) or 巡中监督手段支持 (by the team's leader): the same shape. */
export class SendRequestDto {
  @ApiProperty({
    enum: ASKED_BODIES,
    description: `the body asked: ${labelled(ASKED_BODY_LABELS)} (the Chinese label is accepted too)`,
  })
  @AcceptLabels(ASKED_BODY_LABELS)
  @IsIn(ASKED_BODIES)
  body!: AskedBody;

  @ApiProperty({ example: '被巡察党组织领导班子成员信访举报情况' })
  @IsString()
  @IsNotBlank()
  @Length(1, 200)
  subject!: string;

  @ApiProperty({ example: '请提供近三年对该单位领导班子成员的信访举报及办理情况。' })
  @IsString()
  @IsNotBlank()
  @Length(1, 5000)
  details!: string;

  @ApiPropertyOptional({
    example: '130100',
    description: 'the node whose body is asked: this node, an ancestor or a descendant',
  })
  @IsOptional()
  @IsNodeId()
  targetNode?: string;

  @ApiPropertyOptional({
    enum: TIERS,
    description: `instead of targetNode: the tier that manages the target's cadres, whose node on this line is asked: ${labelled(TIER_LABELS)}`,
  })
  @IsOptional()
  @AcceptLabels(TIER_LABELS)
  @IsIn(TIERS)
  cadreTier?: Tier;

  @ApiPropertyOptional({
    example: '2026-12-01',
    description:
      'an earlier due day than the policy gives (information_request.answer_days after today)',
  })
  @IsOptional()
  @IsCalendarDate()
  answerBy?: string;
}

export class AttachmentDto {
  @ApiProperty({ example: '信访件汇总.pdf' })
  @IsString()
  @IsNotBlank()
  @Length(1, 200)
  @Matches(/^[^/\\]+$/, { message: 'filename must be a base name (no / or \\)' })
  filename!: string;

  @ApiProperty({ example: 'application/pdf' })
  @Matches(/^[a-z]+\/[a-z0-9.+-]+$/, { message: 'contentType must be a media type' })
  @Length(3, 100)
  contentType!: string;

  @ApiProperty({ description: 'the file, base64 (all attachments together at most 256 KiB)' })
  @IsString()
  @IsBase64()
  @Length(4, 360_000)
  contentBase64!: string;
}

export class AnswerDto {
  @ApiProperty({ example: '近三年共收到信访举报3件，均已办结，详见附件。' })
  @IsString()
  @IsNotBlank()
  @Length(1, 10000)
  summary!: string;

  @ApiPropertyOptional({ type: [AttachmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ANSWER_MAX_ATTACHMENTS)
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];
}
