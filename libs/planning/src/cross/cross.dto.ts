import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsNotBlank } from '@liandong/protocol';
import { day, instant, NODE, NODE_EXAMPLE, NODE_MESSAGE, nullableText } from '../api-fields';

// ── requests ──────────────────────────────────────────────────────────────────────────────

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

// ── views ─────────────────────────────────────────────────────────────────────────────────

export class CrossOrderView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['ordering', 'visiting', 'inspected'] })
  role!: 'ordering' | 'visiting' | 'inspected';
  @ApiProperty({ format: 'uuid', description: "the ordering node's round" }) roundId!: string;
  @ApiProperty(nullableText({ format: 'uuid', description: "the visiting node's own round" }))
  localRoundId!: string | null;
  @ApiProperty({ example: '130100' }) orderingNode!: string;
  @ApiProperty({ example: '石家庄市（130100）' }) orderingNodeLabel!: string;
  @ApiProperty(NODE_EXAMPLE) visitingNode!: string;
  @ApiProperty({
    example: '井陉县（130121）',
    description: 'name and code; the code alone where this node does not know the name',
  })
  visitingNodeLabel!: string;
  @ApiProperty({ example: '130123' }) inspectedNode!: string;
  @ApiProperty({ example: '正定县（130123）' }) inspectedNodeLabel!: string;
  @ApiProperty({ type: [String] }) organizationCodes!: string[];
  @ApiProperty(day()) windowStart!: string;
  @ApiProperty(day({ example: '2027-02-28' })) windowEnd!: string;
  @ApiProperty({ type: [String], description: 'the envelopes that carried the order' })
  eventIds!: string[];
  @ApiProperty({ enum: ['ordered', 'granted', 'refused'] })
  status!: 'ordered' | 'granted' | 'refused';
  @ApiProperty({ example: '已下达' }) statusLabel!: string;
  @ApiProperty(nullableText()) refusalReason!: string | null;
  @ApiProperty(instant()) createdAt!: string;
}

export class CrossPairView {
  @ApiProperty(NODE_EXAMPLE) visitingNode!: string;
  @ApiProperty({ example: '130123' }) inspectedNode!: string;
}

export class RotationPlanView {
  @ApiProperty() feasible!: boolean;
  @ApiPropertyOptional({
    type: [CrossPairView],
    description: 'when feasible: one visitor for each peer, by visitingNode',
  })
  assignments?: CrossPairView[];
  @ApiPropertyOptional({
    type: [String],
    description: 'when not feasible: why, in Chinese, naming each node as 井陉县（130121）',
  })
  reasons?: string[];
  @ApiPropertyOptional({ type: [String], description: 'the same reasons in English' })
  reasonsEn?: string[];
  @ApiProperty({ type: [CrossPairView], description: "the previous round's pairs, avoided" })
  previousPairs!: CrossPairView[];
}
