import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateNested,
} from 'class-validator';
import { IsNodeId } from '../validation';
import { RoundShapeV1 } from './round.v1';

/** How an inspection came about: a node's own, escalated (提级) by an ancestor, or cross (交叉). */
export const INSPECTION_MODES = ['own', 'escalated', 'cross'] as const;
export type InspectionMode = (typeof INSPECTION_MODES)[number];

/** 提级巡察: an ancestor inspects an organization in the receiver's registry. */
export class InspectionEscalatedV1 {
  static readonly type = 'inspection.escalated.v1';

  @IsUUID()
  inspectionId!: string;

  @ValidateNested()
  @Type(() => RoundShapeV1)
  round!: RoundShapeV1;

  @IsString()
  @Length(1, 64)
  organizationCode!: string;
}

/** A problem found (a signed finding) that the inspected organization must rectify. */
export class FeedbackProblemV1 {
  @IsUUID()
  findingId!: string;

  @IsString()
  @Length(1, 200)
  title!: string;

  @IsString()
  @Length(1, 20000)
  facts!: string;

  @IsString()
  @Length(1, 2000)
  basis!: string;
}

/** 反馈: feedback was given to the inspected organization; the inspection took place. */
export class InspectionFeedbackGivenV1 {
  static readonly type = 'inspection.feedback_given.v1';

  @IsUUID()
  inspectionId!: string;

  @IsIn(INSPECTION_MODES)
  mode!: InspectionMode;

  /** The conducting node's round, and the ancestor's round it is linked to, if any. */
  @IsUUID()
  roundId!: string;

  @IsOptional()
  @IsUUID()
  parentRoundId!: string | null;

  @IsOptional()
  @IsUUID()
  crossOrderId!: string | null;

  /** The node whose registry holds the organization: it gets the coverage credit. */
  @IsNodeId()
  ownerNode!: string;

  @IsString()
  @Length(1, 64)
  organizationCode!: string;

  @IsString()
  @Length(1, 200)
  organizationName!: string;

  @IsString()
  @Length(1, 40)
  organizationCategory!: string;

  @IsDateString({ strict: true })
  feedbackAt!: string;

  @IsString()
  @Length(1, 5000)
  summary!: string;

  /** The problems to rectify (整改), from the signed findings of the final report. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => FeedbackProblemV1)
  problems?: FeedbackProblemV1[];
}

/** After feedback, the conducting node hands rectification supervision to the owner node. */
export class InspectionHandedBackV1 {
  static readonly type = 'inspection.handed_back.v1';

  @IsUUID()
  inspectionId!: string;

  @IsDateString({ strict: true })
  handedBackAt!: string;

  @IsString()
  @Length(1, 5000)
  notes!: string;
}
