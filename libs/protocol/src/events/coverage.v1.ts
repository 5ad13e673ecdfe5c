import { IsCalendarDate } from '../validation';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsNodeId } from '../validation';

export class CategoryCoverageV1 {
  @IsString()
  @Length(1, 40)
  category!: string;

  @IsInt()
  @Min(0)
  organizations!: number;

  @IsInt()
  @Min(0)
  covered!: number;
}

/** Coverage figures: organizations in the registry and how many were covered this term. */
export class CoverageFiguresV1 {
  @IsInt()
  @Min(0)
  organizations!: number;

  @IsInt()
  @Min(0)
  covered!: number;

  @IsInt()
  @Min(0)
  coveredOwn!: number;

  @IsInt()
  @Min(0)
  coveredEscalated!: number;

  @IsInt()
  @Min(0)
  coveredCross!: number;

  /** Per category code: [organizations, covered]. */
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CategoryCoverageV1)
  byCategory!: CategoryCoverageV1[];
}

/** Rectification and referral figures of a registry, reported with its coverage. */
export class OversightFiguresV1 {
  @IsInt() @Min(0) rectifications!: number;
  @IsInt() @Min(0) rectificationsOverdue!: number;
  @IsInt() @Min(0) items!: number;
  @IsInt() @Min(0) itemsClosed!: number;
  @IsInt() @Min(0) referralsSent!: number;
  @IsInt() @Min(0) referralsOpen!: number;
  @IsInt() @Min(0) referralsOverdue!: number;
  @IsInt() @Min(0) referralsDisposed!: number;
}

/** One node's figures under a name. */
export class NodeCoverageV1 {
  @IsNodeId()
  nodeId!: string;

  @IsString()
  @Length(1, 100)
  name!: string;

  @ValidateNested()
  @Type(() => CoverageFiguresV1)
  figures!: CoverageFiguresV1;
}

/** 全覆盖: a node's own coverage and its subtree's, sent to its parent whenever they change. */
export class CoverageReportedV1 {
  static readonly type = 'coverage.reported.v1';

  @IsDateString({ strict: true })
  asOf!: string;

  /** The sender's current term, if it has one. */
  @IsOptional()
  @IsCalendarDate()
  termStartsOn!: string | null;

  @IsOptional()
  @IsCalendarDate()
  termEndsOn!: string | null;

  /** The sender's own registry. */
  @ValidateNested()
  @Type(() => CoverageFiguresV1)
  own!: CoverageFiguresV1;

  /** The sender and everything below it: own plus each child's subtree. */
  @ValidateNested()
  @Type(() => CoverageFiguresV1)
  subtree!: CoverageFiguresV1;

  /** Rectification and referrals: the sender's own, and with its subtree's. */
  @IsOptional()
  @ValidateNested()
  @Type(() => OversightFiguresV1)
  ownOversight?: OversightFiguresV1;

  @IsOptional()
  @ValidateNested()
  @Type(() => OversightFiguresV1)
  subtreeOversight?: OversightFiguresV1;

  /** Each child's subtree figures, as that child last reported them. */
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => NodeCoverageV1)
  children!: NodeCoverageV1[];
}
