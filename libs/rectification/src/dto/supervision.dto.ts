import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
} from 'class-validator';
import { PageQuery } from '@liandong/common';
import { AcceptLabels, IsCalendarDate, IsNotBlank } from '@liandong/protocol';
import { SUPERVISION_METHODS } from '../entities';
import type { SupervisionMethod } from '../entities';
import { SUPERVISION_METHOD_LABELS } from '../labels';
import { labelled } from './labelled';

/** 日常监督记录: how, on which day, what was found; the items concerned; an urging, if any. */
export class RecordSupervisionNoteDto {
  @ApiProperty({
    enum: SUPERVISION_METHODS,
    description: `how it was supervised: ${labelled(SUPERVISION_METHOD_LABELS)} (the Chinese label is accepted too)`,
  })
  @AcceptLabels(SUPERVISION_METHOD_LABELS)
  @IsIn(SUPERVISION_METHODS)
  method!: SupervisionMethod;

  @ApiProperty({
    example: '2027-01-15',
    description: 'the day it was done: from the feedback day to today (Beijing), not later',
  })
  @IsCalendarDate()
  supervisedOn!: string;

  @ApiProperty({ example: '与财务科科长谈话，了解补贴清退进度，清退台账尚不完整。' })
  @IsString()
  @IsNotBlank()
  @Length(1, 5000)
  content!: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'the items of the problem list it concerns (none: the rectification as a whole)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  itemIds?: string[];

  @ApiPropertyOptional({
    example: '月底前补齐补贴清退台账，报送监督检查室。',
    description: '督促事项: what the organization is urged to do; given with urgingDueOn',
  })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @Length(1, 2000)
  urging?: string;

  @ApiPropertyOptional({
    example: '2027-01-31',
    description: 'the day the urging is due; given with urging, not before supervisedOn',
  })
  @IsOptional()
  @IsCalendarDate()
  urgingDueOn?: string;
}

/** 督促事项已落实: what was done about it. */
export class UrgingDoneDto {
  @ApiProperty({ example: '补贴清退台账已补齐并报送。' })
  @IsString()
  @IsNotBlank()
  @Length(1, 5000)
  outcome!: string;
}

/** A page of the rectifications under routine supervision. */
export class RoutineSupervisionQuery extends PageQuery {}
