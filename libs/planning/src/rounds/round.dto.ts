import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { AcceptLabels, IsCalendarDate, IsNotBlank, ROUND_TYPES } from '@liandong/protocol';
import type { RoundType } from '@liandong/protocol';
import { day, instant, NODE_EXAMPLE, nullableText } from '../api-fields';
import { InspectionView } from '../inspections/inspection.dto';
import { ROUND_TYPE_LABELS, ROUND_TYPE_SHORT_LABELS } from '../labels';

// ── requests ──────────────────────────────────────────────────────────────────────────────

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

export class RoundQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  roundId?: string;
}

// ── views ─────────────────────────────────────────────────────────────────────────────────

export class RoundView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ROUND_TYPES }) type!: RoundType;
  @ApiProperty({ example: '常规巡察' }) typeLabel!: string;
  @ApiProperty({ example: '乡村振兴领域专项巡察' }) theme!: string;
  @ApiProperty(day()) windowStart!: string;
  @ApiProperty(day({ example: '2027-02-28' })) windowEnd!: string;
  @ApiProperty(nullableText({ format: 'uuid', description: "the ancestor's linked round" }))
  parentRoundId!: string | null;
  @ApiProperty(nullableText({ example: '130100' })) parentNode!: string | null;
  @ApiProperty(nullableText({ example: '石家庄市', description: 'the name of parentNode' }))
  parentNodeName!: string | null;
  @ApiProperty({ example: 'user:office' }) createdBy!: string;
  @ApiProperty(instant()) createdAt!: string;
}

export class RoundLinkView {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty(NODE_EXAMPLE) childNode!: string;
  @ApiProperty(nullableText({ format: 'uuid' })) childRoundId!: string | null;
  @ApiProperty(instant({ nullable: true })) acknowledgedAt!: string | null;
}

export class RoundDetailView extends RoundView {
  @ApiProperty({ type: [RoundLinkView], description: '巡视带巡察: the children asked' })
  links!: RoundLinkView[];
  @ApiProperty({ type: [InspectionView], description: 'inspections this node conducts in it' })
  inspections!: InspectionView[];
  @ApiProperty({ type: [InspectionView], description: 'results reported under it' })
  reported!: InspectionView[];
}
