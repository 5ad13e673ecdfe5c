import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import {
  AcceptLabels,
  IsCalendarDate,
  IsNotBlank,
  REFERRAL_KINDS,
  TIER_LABELS,
  TIERS,
} from '@liandong/protocol';
import type { ReferralKind, Tier } from '@liandong/protocol';
import { REVIEWING_OFFICES } from '../entities';
import type { ReviewingOffice } from '../entities';
import { REFERRAL_KIND_LABELS, REVIEWING_OFFICE_LABELS } from '../labels';

/** `code 标签, …`: how an enumeration's values read, for the API documentation. */
function labelled(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([code, label]) => `${code} ${label}`)
    .join(', ');
}

export class FindingDto {
  @ApiProperty({ example: '违规发放津贴补贴' })
  @IsString()
  @IsNotBlank()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ example: '2025年该单位以加班费名义发放补贴12万元。' })
  @IsString()
  @IsNotBlank()
  @Length(1, 20000)
  facts!: string;

  @ApiPropertyOptional({
    description: '定性依据 (required before the deputy leader checks the finding)',
    example: '《中国共产党纪律处分条例》第一百零五条',
  })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @Length(1, 2000)
  basis?: string;
}

export class FindingRevisionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @Length(1, 20000)
  facts?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @Length(1, 2000)
  basis?: string;
}

/** Why a finding goes back to draft (退回修改) or out of the report (撤回). */
export class FindingReasonDto {
  @ApiProperty({ example: '涉及金额需与财务凭证再次核对。' })
  @IsString()
  @IsNotBlank()
  @Length(1, 2000)
  reason!: string;
}

export class EvidenceQuery {
  @ApiProperty({
    example: '会计凭证.pdf',
    description:
      'the file name; only its base name is kept (no folders, no `..`, no control characters, at most 200 bytes)',
  })
  @IsString()
  @IsNotBlank()
  @Length(1, 200)
  filename!: string;
}

export class ReportDto {
  @ApiProperty({ example: '巡察发现问题3个，移交问题线索1件。' })
  @IsString()
  @IsNotBlank()
  @Length(1, 20000)
  summary!: string;

  @ApiPropertyOptional({ description: 'required for a correction (version 2 on)' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @Length(1, 2000)
  reason?: string;
}

export class DecisionDto {
  @ApiProperty({ example: '同意巡察报告，按程序反馈。' })
  @IsString()
  @IsNotBlank()
  @Length(1, 5000)
  decision!: string;
}

export class ReferralDto {
  @ApiProperty({
    enum: REFERRAL_KINDS,
    description: `${labelled(REFERRAL_KIND_LABELS)} (the Chinese label is accepted too)`,
  })
  @AcceptLabels(REFERRAL_KIND_LABELS)
  @IsIn(REFERRAL_KINDS)
  kind!: ReferralKind;

  @ApiProperty({ description: 'what is handed over; sealed to the receiving body' })
  @IsString()
  @IsNotBlank()
  @Length(1, 20000)
  content!: string;

  @ApiPropertyOptional({
    enum: TIERS,
    description: `the tier that manages the cadre (clue, cadre_selection): ${labelled(TIER_LABELS)} (the Chinese label is accepted too)`,
  })
  @IsOptional()
  @AcceptLabels(TIER_LABELS)
  @IsIn(TIERS)
  cadreTier?: Tier;

  @ApiPropertyOptional({ description: 'the functional department (recommendation)' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @Length(1, 100)
  department?: string;
}

export class DispositionDto {
  @ApiProperty({ example: '已立案审查。' })
  @IsString()
  @IsNotBlank()
  @Length(1, 5000)
  disposition!: string;
}

export class AssignItemDto {
  @ApiProperty({ example: '财务科科长 王某' })
  @IsString()
  @IsNotBlank()
  @Length(1, 100)
  responsiblePerson!: string;

  @ApiProperty({ example: '局长 李某' })
  @IsString()
  @IsNotBlank()
  @Length(1, 100)
  unitHead!: string;

  @ApiProperty({ type: [String], example: ['清退违规发放的补贴', '修订财务管理制度'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @Length(1, 500, { each: true })
  tasks!: string[];
}

export class CloseItemDto {
  @ApiProperty({
    description: '销号佐证: what shows the problem is fixed',
    example: '补贴已全额清退，见银行回单。',
  })
  @IsString()
  @IsNotBlank()
  @Length(1, 5000)
  proof!: string;
}

export class ProgressReportDto {
  @ApiProperty({ example: '整改进展情况：已清退违规发放的补贴。' })
  @IsString()
  @IsNotBlank()
  @Length(1, 20000)
  text!: string;
}

export class SignQuery {
  @ApiProperty({
    enum: REVIEWING_OFFICES,
    description: `the office you sign for (your role): ${labelled(REVIEWING_OFFICE_LABELS)} (the Chinese label is accepted too)`,
  })
  @AcceptLabels(REVIEWING_OFFICE_LABELS)
  @IsIn(REVIEWING_OFFICES)
  as!: ReviewingOffice;
}

export class DisclosureDto {
  @ApiProperty({ example: '整改情况已在县政府网站公开。' })
  @IsString()
  @IsNotBlank()
  @Length(1, 20000)
  text!: string;

  @ApiProperty({ example: '2027-03-10' })
  @IsCalendarDate()
  disclosedOn!: string;
}

export class FollowUpDto {
  @ApiProperty({ description: 'a follow_up round of this node' })
  @IsUUID()
  roundId!: string;
}
