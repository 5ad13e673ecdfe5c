import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { AcceptLabels, IsCalendarDate, IsNotBlank } from '@liandong/protocol';
import { REVIEWING_OFFICES } from '../entities';
import type { ReviewingOffice } from '../entities';
import { REVIEWING_OFFICE_LABELS } from '../labels';
import { labelled } from './labelled';

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
  @ApiPropertyOptional({
    description:
      '销号佐证 in words: what shows the problem is fixed. Optional when files of proof were uploaded (POST …/proof); an item closes only with a text or a file',
    example: '补贴已全额清退，见银行回单。',
  })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @Length(1, 5000)
  proof?: string;
}

export class ProofQuery {
  @ApiProperty({
    example: '银行回单.pdf',
    description:
      'the file name; only its base name is kept (no folders, no `..`, no control characters, at most 200 bytes)',
  })
  @IsString()
  @IsNotBlank()
  @Length(1, 200)
  filename!: string;
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
