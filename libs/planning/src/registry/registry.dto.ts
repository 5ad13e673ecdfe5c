import { PageQuery } from '@liandong/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { AcceptLabels } from '@liandong/protocol';
import { CATEGORIES, CATEGORY_CODES } from '../categories';
import { REGISTRY_ENCODINGS, RegistryEncoding } from '../entities';

export class OrganizationView {
  @ApiProperty({ example: '130121001' }) code!: string;
  @ApiProperty({ example: '井陉县南障城镇党委' }) name!: string;
  @ApiProperty({ enum: CATEGORY_CODES }) category!: string;
  @ApiProperty({ example: '乡镇（街道）' }) categoryLabel!: string;
  @ApiProperty({ nullable: true, type: String }) parentCode!: string | null;
  @ApiProperty({ example: 'county' }) cadreTier!: string;
  @ApiProperty({ example: '县级' }) cadreTierLabel!: string;
}

export class OrganizationQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: CATEGORY_CODES,
    description: 'a category code, or its Chinese label (村, 社区, …)',
  })
  @IsOptional()
  @AcceptLabels(CATEGORIES)
  @IsIn(CATEGORY_CODES)
  category?: string;

  @ApiPropertyOptional({ description: 'part of the name or of the code' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

export class CategoryCountView {
  @ApiProperty({ enum: CATEGORY_CODES, example: 'village' }) category!: string;
  @ApiProperty({ example: '村' }) label!: string;
  @ApiProperty({ example: 120 }) count!: number;
}

export class RegistrySummaryView {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [CategoryCountView], description: 'every category, with 0 where none' })
  byCategory!: CategoryCountView[];
}

export class ImportQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], description: 'defaults from the Content-Type' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}

export class RowProblemView {
  @ApiProperty({ description: 'row in the file (the header is row 1)' }) row!: number;
  @ApiProperty({ example: 'category' }) field!: string;
  @ApiPropertyOptional({ example: '类别', description: 'the column as the file names it' })
  fieldLabel?: string;
  @ApiProperty({ description: 'what is wrong and what to do, in Chinese' }) problem!: string;
  @ApiPropertyOptional({ description: 'the same in English' }) problemEn?: string;
}

export class ImportView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['reading', 'validating', 'importing', 'done', 'refused', 'failed'] })
  status!: string;
  @ApiProperty({ description: 'rows in the file' }) total!: number;
  @ApiProperty({ description: 'rows written so far' }) processed!: number;
  @ApiProperty({
    type: [RowProblemView],
    description: 'the first 1,000 problems; a refused file changes nothing',
  })
  problems!: RowProblemView[];
  @ApiProperty() problemCount!: number;
  @ApiProperty({
    type: String,
    enum: REGISTRY_ENCODINGS,
    nullable: true,
    description:
      'CSV only: the text encoding the file was read in (GB18030 for a file Excel saved on Chinese Windows); null for Excel',
  })
  encoding!: RegistryEncoding | null;
  @ApiProperty({ type: String, format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
}
