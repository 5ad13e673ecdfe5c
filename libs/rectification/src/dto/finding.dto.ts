import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { AcceptLabels, IsNotBlank, PROBLEM_CATEGORIES } from '@liandong/protocol';
import type { ProblemCategory } from '@liandong/protocol';
import { PROBLEM_CATEGORY_LABELS } from '../labels';

const CATEGORY = {
  enum: PROBLEM_CATEGORIES,
  description:
    '问题类别 (central’s catalogue, version 1; the code or its label, e.g. 作风建设（含落实中央八项规定精神）)',
  example: 'conduct',
} as const;

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

  @ApiPropertyOptional(CATEGORY)
  @IsOptional()
  @AcceptLabels(PROBLEM_CATEGORY_LABELS)
  @IsIn(PROBLEM_CATEGORIES)
  category?: ProblemCategory;
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

  @ApiPropertyOptional({
    ...CATEGORY,
    nullable: true,
    type: String,
    description: `${CATEGORY.description}; null takes the category off (counted as 其他/未分类)`,
  })
  @IsOptional()
  @AcceptLabels(PROBLEM_CATEGORY_LABELS)
  @IsIn(PROBLEM_CATEGORIES)
  category?: ProblemCategory | null;
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
