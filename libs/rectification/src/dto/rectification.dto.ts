import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsCalendarDate } from '@liandong/protocol';
import { REFERRAL_KINDS, TIERS } from '@liandong/protocol';
import type { ReferralKind, Tier } from '@liandong/protocol';
import { REVIEWING_OFFICES } from '../entities';
import type { ReviewingOffice } from '../entities';

export class FindingDto {
  @ApiProperty({ example: '违规发放津贴补贴' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ example: '2025年该单位以加班费名义发放补贴12万元。' })
  @IsString()
  @Length(1, 20000)
  facts!: string;

  @ApiPropertyOptional({
    description: '定性依据',
    example: '《中国共产党纪律处分条例》第一百零五条',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  basis?: string;
}

export class FindingRevisionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 20000) facts?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) basis?: string;
}

export class EvidenceQuery {
  @ApiProperty({ example: '会计凭证.pdf' })
  @IsString()
  @Length(1, 200)
  filename!: string;
}

export class ReportDto {
  @ApiProperty({ example: '巡察发现问题3个，移交问题线索1件。' })
  @IsString()
  @Length(1, 20000)
  summary!: string;

  @ApiPropertyOptional({ description: 'required for a correction (version 2 on)' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

export class DecisionDto {
  @ApiProperty({ example: '同意巡察报告，按程序反馈。' })
  @IsString()
  @Length(1, 5000)
  decision!: string;
}

export class ReferralDto {
  @ApiProperty({
    enum: REFERRAL_KINDS,
    description:
      '问题线索 clue, 选人用人 cadre_selection, audit, petition, 工作建议 recommendation',
  })
  @IsIn(REFERRAL_KINDS)
  kind!: ReferralKind;

  @ApiProperty({ description: 'what is handed over; sealed to the receiving body' })
  @IsString()
  @Length(1, 20000)
  content!: string;

  @ApiPropertyOptional({
    enum: TIERS,
    description: 'the tier that manages the cadre (clue, cadre_selection)',
  })
  @IsOptional()
  @IsIn(TIERS)
  cadreTier?: Tier;

  @ApiPropertyOptional({ description: 'the functional department (recommendation)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  department?: string;
}

export class DispositionDto {
  @ApiProperty({ example: '已立案审查。' })
  @IsString()
  @Length(1, 5000)
  disposition!: string;
}

export class AssignItemDto {
  @ApiProperty({ example: '财务科科长 王某' })
  @IsString()
  @Length(1, 100)
  responsiblePerson!: string;
  @ApiProperty({ example: '局长 李某' }) @IsString() @Length(1, 100) unitHead!: string;

  @ApiProperty({ type: [String], example: ['清退违规发放的补贴', '修订财务管理制度'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  tasks!: string[];
}

export class CloseItemDto {
  @ApiProperty({
    description: '销号佐证: what shows the problem is fixed',
    example: '补贴已全额清退，见银行回单。',
  })
  @IsString()
  @Length(1, 5000)
  proof!: string;
}

export class ProgressReportDto {
  @ApiProperty() @IsString() @Length(1, 20000) text!: string;
}

export class SignQuery {
  @ApiProperty({ enum: REVIEWING_OFFICES, description: 'the office you sign for (your role)' })
  @IsIn(REVIEWING_OFFICES)
  as!: ReviewingOffice;
}

export class DisclosureDto {
  @ApiProperty() @IsString() @Length(1, 20000) text!: string;

  @ApiProperty({ example: '2027-03-10' })
  @IsCalendarDate()
  disclosedOn!: string;
}

export class FollowUpDto {
  @ApiProperty({ description: 'a follow_up round of this node' })
  @IsUUID()
  roundId!: string;
}
