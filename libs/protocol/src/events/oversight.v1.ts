import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsNodeId } from '../validation';

/** 专题培训辅导 / 工作调研督导 / 现场跟进指导. */
export const OVERSIGHT_FORMS = ['training', 'investigation', 'on_site'] as const;
export type OversightForm = (typeof OVERSIGHT_FORMS)[number];

/** The areas of the whole inspection process an engagement looks at ("全流程、全要素"). */
export const OVERSIGHT_AREAS = [
  'planning_coverage',
  'team_recusal',
  'evidence_dossier',
  'report_feedback',
  'referrals',
  'rectification_supervision',
  'records',
] as const;
export type OversightArea = (typeof OVERSIGHT_AREAS)[number];

/** The fixed checklist: each item is `<area>.<item>`; its Chinese label is libs/oversight's. */
export const OVERSIGHT_CHECKLIST_ITEMS = [
  'planning_coverage.term_plan',
  'planning_coverage.round_plan',
  'planning_coverage.coverage_progress',
  'team_recusal.team_composition',
  'team_recusal.recusal',
  'evidence_dossier.facts_evidence',
  'evidence_dossier.normative_basis',
  'report_feedback.report_review',
  'report_feedback.leading_group_decision',
  'report_feedback.feedback',
  'referrals.clue_referral',
  'referrals.disposition_followup',
  'rectification_supervision.deadlines',
  'rectification_supervision.closing_proof',
  'rectification_supervision.routine_supervision',
  'records.archive',
  'records.trail',
] as const;
export type OversightChecklistItem = (typeof OVERSIGHT_CHECKLIST_ITEMS)[number];

/** The area a checklist item belongs to. */
export function areaOf(item: string): OversightArea {
  return item.split('.')[0] as OversightArea;
}

/** One of the overseeing team: a name and a post (not necessarily in the personnel pool). */
export class OversightPersonV1 {
  @IsString()
  @Length(1, 50)
  name!: string;

  @IsString()
  @Length(1, 100)
  post!: string;
}

/** 指导督导: an ancestor opens an engagement over the receiver's inspection work. */
export class OversightEngagementOpenedV1 {
  static readonly type = 'oversight.engagement_opened.v1';

  @IsUUID()
  engagementId!: string;

  @IsIn(OVERSIGHT_FORMS)
  form!: OversightForm;

  /** For `on_site`: the receiver's live round followed; null otherwise. */
  @IsOptional()
  @IsUUID()
  roundId!: string | null;

  @IsString()
  @Length(1, 200)
  title!: string;

  @IsCalendarDate()
  windowStart!: string;

  @IsCalendarDate()
  windowEnd!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OversightPersonV1)
  people!: OversightPersonV1[];

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(OVERSIGHT_CHECKLIST_ITEMS.length)
  @ArrayUnique()
  @IsIn(OVERSIGHT_CHECKLIST_ITEMS, { each: true })
  checklist!: OversightChecklistItem[];
}

/** 签收: the overseen node acknowledged the engagement. */
export class OversightEngagementAcknowledgedV1 {
  static readonly type = 'oversight.engagement_acknowledged.v1';

  @IsUUID()
  engagementId!: string;

  @IsDateString({ strict: true })
  acknowledgedAt!: string;

  @IsString()
  @Length(1, 100)
  acknowledgedBy!: string;
}

/** The overseen node lets the overseeing one read these areas, from `validFrom` to `validUntil`. */
export class OversightAccessGrantedV1 {
  static readonly type = 'oversight.access_granted.v1';

  @IsUUID()
  engagementId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(OVERSIGHT_AREAS.length)
  @ArrayUnique()
  @IsIn(OVERSIGHT_AREAS, { each: true })
  areas!: OversightArea[];

  @IsCalendarDate()
  validFrom!: string;

  @IsCalendarDate()
  validUntil!: string;

  @IsDateString({ strict: true })
  grantedAt!: string;
}

/** 督导意见: one recommendation, answered by the overseen node by `answerBy`. */
export class OversightRecommendationV1 {
  @IsUUID()
  recommendationId!: string;

  @IsIn(OVERSIGHT_CHECKLIST_ITEMS)
  item!: OversightChecklistItem;

  @IsString()
  @Length(1, 5000)
  text!: string;

  @IsCalendarDate()
  answerBy!: string;
}

/** The engagement ends with a written assessment and its recommendations. */
export class OversightEngagementClosedV1 {
  static readonly type = 'oversight.engagement_closed.v1';

  @IsUUID()
  engagementId!: string;

  @IsDateString({ strict: true })
  closedAt!: string;

  @IsString()
  @Length(1, 20000)
  assessment!: string;

  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OversightRecommendationV1)
  recommendations!: OversightRecommendationV1[];
}

export class OversightAttendeeV1 {
  @IsUUID()
  attendeeId!: string;

  @IsString()
  @Length(1, 50)
  name!: string;

  @IsString()
  @Length(1, 200)
  unit!: string;
}

/** 以干代训: who attended a training engagement, so the overseen node keeps its own record too. */
export class OversightAttendanceRecordedV1 {
  static readonly type = 'oversight.attendance_recorded.v1';

  @IsUUID()
  engagementId!: string;

  @IsDateString({ strict: true })
  recordedAt!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OversightAttendeeV1)
  attendees!: OversightAttendeeV1[];
}

/** The overseen node says what it changed for one recommendation. */
export class OversightRecommendationAnsweredV1 {
  static readonly type = 'oversight.recommendation_answered.v1';

  @IsUUID()
  engagementId!: string;

  @IsUUID()
  recommendationId!: string;

  @IsDateString({ strict: true })
  answeredAt!: string;

  @IsString()
  @Length(1, 100)
  answeredBy!: string;

  @IsString()
  @Length(1, 20000)
  answer!: string;
}

/** Engagement figures of one node (as the overseeing node) or of a subtree. */
export class EngagementFiguresV1 {
  @IsInt() @Min(0) engagementsOpen!: number;
  @IsInt() @Min(0) engagementsClosed!: number;
  @IsInt() @Min(0) recommendationsOpen!: number;
  @IsInt() @Min(0) recommendationsAnswered!: number;
  @IsInt() @Min(0) recommendationsOverdue!: number;
}

export class NodeEngagementFiguresV1 {
  @IsNodeId()
  nodeId!: string;

  @IsString()
  @Length(1, 100)
  name!: string;

  @ValidateNested()
  @Type(() => EngagementFiguresV1)
  figures!: EngagementFiguresV1;
}

/** A node's own and subtree oversight figures, to its parent whenever they change. */
export class OversightReportedV1 {
  static readonly type = 'oversight.reported.v1';

  @IsDateString({ strict: true })
  asOf!: string;

  @ValidateNested()
  @Type(() => EngagementFiguresV1)
  own!: EngagementFiguresV1;

  @ValidateNested()
  @Type(() => EngagementFiguresV1)
  subtree!: EngagementFiguresV1;

  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => NodeEngagementFiguresV1)
  children!: NodeEngagementFiguresV1[];
}

/**
 * One table of an `oversight` live query's answer (protocol.md §10): how the overseen node ran
 * one part of its inspection work, with Chinese labels and text cells, for people to read.
 * Counts, dates, names of organizations and states — never a finding's text, a clue's sealed
 * content or a person's file.
 */
export interface OversightAreaTableV1 {
  title: string;
  columns: string[];
  rows: string[][];
}
