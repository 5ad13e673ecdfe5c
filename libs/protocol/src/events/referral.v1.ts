import { Type } from 'class-transformer';
import {
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateNested,
} from 'class-validator';
import { Body, BODIES } from '../sealed-box';
import { Tier, TIERS } from '../tier';
import { SealedBoxV1 } from './directive.v1';

/**
 * 移交: what a finding is handed to. A clue about a person goes to the discipline body with
 * jurisdiction over the cadre; cadre-selection problems to the organization department;
 * others to audit or petitions; recommendations to a functional department.
 */
export const REFERRAL_KINDS = [
  'clue',
  'cadre_selection',
  'audit',
  'petition',
  'recommendation',
] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

/** The receiving body of each kind; a recommendation goes to a named functional department. */
export const REFERRAL_BODY: Record<ReferralKind, Body | null> = {
  clue: 'discipline',
  cadre_selection: 'organization',
  audit: 'audit',
  petition: 'petitions',
  recommendation: null,
};

export class RecommendationV1 {
  @IsString()
  @Length(1, 100)
  department!: string;

  @IsString()
  @Length(1, 20000)
  text!: string;
}

/** A referral to a body of the receiving node; its content sealed to that body's key. */
export class ReferralMadeV1 {
  static readonly type = 'referral.made.v1';

  @IsUUID()
  referralId!: string;

  @IsIn(REFERRAL_KINDS)
  kind!: ReferralKind;

  @IsOptional()
  @IsIn(BODIES)
  body!: Body | null;

  /** Set for every kind but a recommendation: only the receiving body can open it. */
  @IsOptional()
  @ValidateNested()
  @Type(() => SealedBoxV1)
  sealed!: SealedBoxV1 | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => RecommendationV1)
  recommendation!: RecommendationV1 | null;

  /** The tier that manages the cadre a clue or a cadre-selection problem is about. */
  @IsOptional()
  @IsIn(TIERS)
  cadreTier!: Tier | null;

  @IsUUID()
  inspectionId!: string;

  @IsUUID()
  findingId!: string;

  @IsString()
  @Length(1, 200)
  organizationName!: string;

  /** The receiver acknowledges by then (versioned policy `referral.acknowledge_days`). */
  @IsDateString({ strict: true })
  acknowledgeBy!: string;
}

/** 签收: the receiving node took the referral in. */
export class ReferralAcknowledgedV1 {
  static readonly type = 'referral.acknowledged.v1';

  @IsUUID()
  referralId!: string;

  @IsDateString({ strict: true })
  acknowledgedAt!: string;

  @IsString()
  @Length(1, 100)
  acknowledgedBy!: string;
}

/** 处置: what the receiving body did with it. */
export class ReferralDisposedV1 {
  static readonly type = 'referral.disposed.v1';

  @IsUUID()
  referralId!: string;

  @IsDateString({ strict: true })
  disposedAt!: string;

  @IsString()
  @Length(1, 5000)
  disposition!: string;
}
