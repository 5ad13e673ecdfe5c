import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsNodeId } from '../validation';

/** 常规 / 专项 / 机动 / 回头看. */
export const ROUND_TYPES = ['regular', 'thematic', 'mobile', 'follow_up'] as const;
export type RoundType = (typeof ROUND_TYPES)[number];

/** How an inspection came about: a node's own, escalated (提级) by an ancestor, or cross (交叉). */
export const INSPECTION_MODES = ['own', 'escalated', 'cross'] as const;
export type InspectionMode = (typeof INSPECTION_MODES)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A round's shape, carried by every event that makes a node open a round of its own for it. */
export class RoundShapeV1 {
  @IsUUID()
  roundId!: string;

  @IsIn(ROUND_TYPES)
  type!: RoundType;

  @IsString()
  @Length(1, 200)
  theme!: string;

  /** First and last day of the round's window (calendar dates, China Standard Time). */
  @Matches(DATE)
  windowStart!: string;

  @Matches(DATE)
  windowEnd!: string;
}

/** 巡视带巡察: a node asks its children for linked rounds on the same theme and window. */
export class RoundLinkedV1 extends RoundShapeV1 {
  static readonly type = 'round.linked.v1';
}

/** A child opened its round for a parent's linked round; its inspections report under it. */
export class RoundLinkAcknowledgedV1 {
  static readonly type = 'round.link_acknowledged.v1';

  @IsUUID()
  parentRoundId!: string;

  @IsUUID()
  roundId!: string;

  @IsDateString({ strict: true })
  acknowledgedAt!: string;
}

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

/** One organization of the inspected node a cross order covers. */
export class CrossOrganizationV1 {
  /** Named by the inspected node; the visiting node's inspection takes this id. */
  @IsUUID()
  inspectionId!: string;

  @IsString()
  @Length(1, 64)
  code!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  @IsString()
  @Length(1, 40)
  category!: string;
}

/** 交叉巡察: the common ancestor orders one peer's team to inspect organizations of another. */
export class CrossOrderedV1 {
  static readonly type = 'cross.ordered.v1';

  @IsUUID()
  orderId!: string;

  @ValidateNested()
  @Type(() => RoundShapeV1)
  round!: RoundShapeV1;

  @IsNodeId()
  visitingNode!: string;

  @IsNodeId()
  inspectedNode!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  organizationCodes!: string[];
}

/** The inspected node lets the visiting team at the ordered organizations, and only those. */
export class CrossAccessGrantedV1 {
  static readonly type = 'cross.access_granted.v1';

  @IsUUID()
  orderId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CrossOrganizationV1)
  organizations!: CrossOrganizationV1[];
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
  @Matches(DATE)
  termStartsOn!: string | null;

  @IsOptional()
  @Matches(DATE)
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

/** Source bodies of the people in a personnel pool (干部人才库). */
export const SOURCE_BODIES = [
  'discipline',
  'organization',
  'audit',
  'finance',
  'judicial',
  'petitions',
  'inspection_office',
  'other',
] as const;
export type SourceBody = (typeof SOURCE_BODIES)[number];

/** A unit where a person served (or where a relative serves), named by node and registry code. */
export class PostV1 {
  @IsNodeId()
  nodeId!: string;

  @IsString()
  @Length(1, 64)
  unitCode!: string;

  @IsString()
  @Length(1, 200)
  unitName!: string;

  @IsString()
  @Length(1, 100)
  title!: string;

  @Matches(DATE)
  from!: string;

  @IsOptional()
  @Matches(DATE)
  to!: string | null;
}

export class RelationV1 {
  @IsString()
  @Length(1, 50)
  name!: string;

  /** 配偶, 子女, 父母, … */
  @IsString()
  @Length(1, 20)
  relation!: string;

  @IsNodeId()
  nodeId!: string;

  @IsString()
  @Length(1, 64)
  unitCode!: string;

  @IsString()
  @Length(1, 200)
  unitName!: string;
}

/** A person as one node's pool holds them; what a lending node sends to a borrowing one. */
export class PersonV1 {
  @IsUUID()
  personId!: string;

  @IsString()
  @Length(1, 50)
  name!: string;

  @IsIn(SOURCE_BODIES)
  sourceBody!: SourceBody;

  @IsNodeId()
  homeJurisdiction!: string;

  @IsOptional()
  @IsString()
  @Length(1, 64)
  homeUnitCode!: string | null;

  @IsString()
  @Length(1, 200)
  homeUnitName!: string;

  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PostV1)
  posts!: PostV1[];

  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RelationV1)
  relations!: RelationV1[];
}

/** 上挂下派: a node asks an ancestor or a descendant to lend a person from its pool. */
export class SecondmentRequestedV1 {
  static readonly type = 'secondment.requested.v1';

  @IsUUID()
  secondmentId!: string;

  @IsUUID()
  personId!: string;

  @Matches(DATE)
  from!: string;

  @Matches(DATE)
  to!: string;

  @IsString()
  @Length(1, 500)
  purpose!: string;
}

/** The owning node's decision; an approval carries the person, who may then join teams. */
export class SecondmentDecidedV1 {
  static readonly type = 'secondment.decided.v1';

  @IsUUID()
  secondmentId!: string;

  @IsIn(['approved', 'declined'])
  decision!: 'approved' | 'declined';

  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason!: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => PersonV1)
  person!: PersonV1 | null;
}
