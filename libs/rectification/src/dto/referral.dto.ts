import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { AcceptLabels, IsNotBlank, REFERRAL_KINDS, TIER_LABELS, TIERS } from '@liandong/protocol';
import type { ReferralKind, Tier } from '@liandong/protocol';
import { REFERRAL_KIND_LABELS } from '../labels';
import { labelled } from './labelled';

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
