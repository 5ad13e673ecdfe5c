import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BODIES, REFERRAL_KINDS, TIERS } from '@liandong/protocol';
import { FINDING_STATUSES, REVIEWING_OFFICES } from '../entities';

/**
 * What the routes of this library answer, as OpenAPI schemas. Timestamps are written in
 * Beijing time (+08:00) by the HTTP layer; calendar dates are YYYY-MM-DD.
 */
const DATE_TIME = { type: String, format: 'date-time' } as const;
const NULLABLE_DATE_TIME = { ...DATE_TIME, nullable: true } as const;
const NULLABLE_TEXT = { type: String, nullable: true } as const;
const ALERT_LEVELS = ['days_20', 'days_10', 'overdue'] as const;

/** An evidence file, without its bytes (fetched on their own, audited). */
export class EvidenceView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) findingId!: string;
  @ApiProperty({ example: '会计凭证.pdf', description: 'a safe base name' }) filename!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty({ description: 'bytes' }) size!: number;
  @ApiProperty({ description: 'SHA-256 of the file, hex' }) sha256!: string;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty(DATE_TIME) uploadedAt!: Date;
}

/** 问题底稿: a finding with its place in the review chain. */
export class FindingView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) inspectionId!: string;
  @ApiProperty({ example: '违规发放津贴补贴' }) title!: string;
  @ApiProperty() facts!: string;
  @ApiProperty({ ...NULLABLE_TEXT, description: '定性依据' }) basis!: string | null;
  @ApiProperty({ enum: FINDING_STATUSES }) status!: string;
  @ApiProperty({ example: '已起草', description: 'zh-CN status label' }) statusLabel!: string;
  @ApiProperty() draftedBy!: string;
  @ApiProperty(NULLABLE_TEXT) checkedBy!: string | null;
  @ApiProperty(NULLABLE_TEXT) signedBy!: string | null;
  @ApiProperty(DATE_TIME) createdAt!: Date;
  @ApiProperty({ ...NULLABLE_TEXT, description: 'why the leader last returned it to draft' })
  returnedReason!: string | null;
  @ApiProperty(NULLABLE_TEXT) returnedBy!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME) returnedAt!: Date | null;
  @ApiProperty({ ...NULLABLE_TEXT, description: 'why the inspection office withdrew it' })
  withdrawnReason!: string | null;
  @ApiProperty(NULLABLE_TEXT) withdrawnBy!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME) withdrawnAt!: Date | null;
  @ApiPropertyOptional({
    type: [EvidenceView],
    description: 'in the listing of an inspection’s findings',
  })
  evidence?: EvidenceView[];
}

export class ReportedEvidenceView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() filename!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty() size!: number;
}

/** A finding as the report version holds it, frozen. */
export class ReportedFindingView {
  @ApiProperty({ format: 'uuid' }) findingId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() facts!: string;
  @ApiProperty() basis!: string;
  @ApiProperty({ type: [ReportedEvidenceView] }) evidence!: ReportedEvidenceView[];
  @ApiProperty() signedBy!: string;
}

/** 巡视报告: one finalized, immutable version. */
export class ReportView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) inspectionId!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: [ReportedFindingView] }) findings!: ReportedFindingView[];
  @ApiProperty({ ...NULLABLE_TEXT, description: 'why this version corrects the one before' })
  reason!: string | null;
  @ApiProperty() finalizedBy!: string;
  @ApiProperty(DATE_TIME) finalizedAt!: Date;
}

/** 领导小组决定 on a report version. */
export class DecisionView {
  @ApiProperty({ format: 'uuid' }) reportId!: string;
  @ApiProperty() decision!: string;
  @ApiProperty() decidedBy!: string;
  @ApiProperty(DATE_TIME) decidedAt!: Date;
}

export class ReportVersionView extends ReportView {
  @ApiProperty({ type: DecisionView, nullable: true }) decision!: DecisionView | null;
}

export class RecommendationView {
  @ApiProperty({ example: '县财政局' }) department!: string;
  @ApiProperty() text!: string;
}

/** 移交, as sent or received; the sealed content itself is opened through /content. */
export class ReferralView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '130121' }) fromNode!: string;
  @ApiProperty({ example: '130100' }) targetNode!: string;
  @ApiProperty({ enum: REFERRAL_KINDS }) kind!: string;
  @ApiProperty({ enum: BODIES, nullable: true, type: String }) body!: string | null;
  @ApiProperty({ description: 'whether the content is sealed to the receiving body' })
  sealed!: boolean;
  @ApiProperty({ type: RecommendationView, nullable: true })
  recommendation!: RecommendationView | null;
  @ApiProperty({ enum: TIERS, nullable: true, type: String }) cadreTier!: string | null;
  @ApiProperty({ format: 'uuid' }) inspectionId!: string;
  @ApiProperty({ format: 'uuid' }) findingId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty(DATE_TIME) sentAt!: Date;
  @ApiProperty(DATE_TIME) acknowledgeBy!: Date;
  @ApiProperty(NULLABLE_DATE_TIME) acknowledgedAt!: Date | null;
  @ApiProperty(NULLABLE_TEXT) acknowledgedBy!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME) disposedAt!: Date | null;
  @ApiProperty(NULLABLE_TEXT) disposition!: string | null;
  @ApiProperty({ enum: ['open', 'overdue', 'acknowledged', 'disposed'] }) state!: string;
  @ApiProperty({ example: '待签收' }) stateLabel!: string;
}

export class ReferralSummaryView {
  @ApiProperty() sent!: number;
  @ApiProperty() open!: number;
  @ApiProperty() overdue!: number;
  @ApiProperty() disposed!: number;
  @ApiProperty({ description: 'percent of sent referrals disposed, one decimal' })
  disposalRate!: number;
}

export class ReferralListView {
  @ApiProperty({ type: [ReferralView] }) sent!: ReferralView[];
  @ApiProperty({ type: [ReferralView] }) received!: ReferralView[];
  @ApiProperty({ type: ReferralSummaryView }) summary!: ReferralSummaryView;
}

export class ReferralContentView {
  @ApiProperty({ enum: [...BODIES, 'functional'] }) body!: string;
  @ApiProperty({ example: '纪检监察机关' }) bodyLabel!: string;
  @ApiProperty() text!: string;
}

/** 整改 of one inspection's feedback. */
export class RectificationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) inspectionId!: string;
  @ApiProperty() organizationCode!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty() conductingNode!: string;
  @ApiProperty({ enum: ['own', 'escalated', 'cross'] }) mode!: string;
  @ApiProperty(DATE_TIME) feedbackAt!: Date;
  @ApiProperty({ format: 'date', example: '2027-03-05' }) dueOn!: string;
  @ApiProperty({ example: 3 }) policyMonths!: number;
  @ApiProperty(NULLABLE_TEXT) policySetBy!: string | null;
  @ApiProperty(NULLABLE_TEXT) disclosureText!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) disclosedOn!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  followUpInspectionId!: string | null;
  @ApiProperty(DATE_TIME) createdAt!: Date;
}

export class DeadlineView {
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty() months!: number;
  @ApiProperty({ description: 'days until the due day (negative when overdue)' })
  daysLeft!: number;
  @ApiProperty() progressReported!: boolean;
  @ApiProperty({ enum: ALERT_LEVELS, nullable: true, type: String }) level!: string | null;
  @ApiProperty(NULLABLE_TEXT) notify!: string | null;
  @ApiProperty(NULLABLE_TEXT) label!: string | null;
}

/** One problem of the problem list, with its responsibility and tasks. */
export class RectificationItemView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) rectificationId!: string;
  @ApiProperty({ format: 'uuid' }) findingId!: string;
  @ApiProperty() problem!: string;
  @ApiProperty() basis!: string;
  @ApiProperty(NULLABLE_TEXT) responsiblePerson!: string | null;
  @ApiProperty(NULLABLE_TEXT) unitHead!: string | null;
  @ApiProperty({ type: [String] }) tasks!: string[];
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty(NULLABLE_TEXT) proof!: string | null;
  @ApiProperty(NULLABLE_TEXT) closedBy!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME) closedAt!: Date | null;
}

export class SignatureView {
  @ApiProperty({ enum: REVIEWING_OFFICES }) office!: string;
  @ApiProperty() signedBy!: string;
  @ApiProperty(DATE_TIME) signedAt!: string;
}

/** 整改进展情况报告 with the offices' signatures. */
export class ProgressReportView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) rectificationId!: string;
  @ApiProperty() text!: string;
  @ApiProperty() submittedBy!: string;
  @ApiProperty(DATE_TIME) submittedAt!: Date;
  @ApiProperty({ type: [SignatureView] }) signatures!: SignatureView[];
}

export class ReviewedProgressReportView extends ProgressReportView {
  @ApiProperty({ description: 'signed by all three offices' }) complete!: boolean;
}

export class AlertView {
  @ApiProperty({ format: 'uuid' }) rectificationId!: string;
  @ApiProperty({ enum: ALERT_LEVELS }) level!: string;
  @ApiProperty({ example: 'unit_head' }) notify!: string;
  @ApiProperty(DATE_TIME) raisedAt!: Date;
  @ApiProperty({ example: '距整改进展报告期限不足10天，提醒单位主要负责人' }) label!: string;
}

export class RectificationDetailView extends RectificationView {
  @ApiProperty({
    example: 'self',
    description: 'self, or the escalating node until it hands supervision back',
  })
  supervisedBy!: string;
  @ApiProperty({ type: DeadlineView }) deadline!: DeadlineView;
  @ApiProperty({ type: [RectificationItemView] }) items!: RectificationItemView[];
  @ApiProperty({ type: [ReviewedProgressReportView] })
  progressReports!: ReviewedProgressReportView[];
  @ApiProperty({ type: [AlertView] }) alerts!: AlertView[];
}

/** The follow-up inspection (回头看) scheduled to verify closed items. */
export class FollowUpInspectionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['conducting', 'hosted', 'reported'] }) role!: string;
  @ApiProperty({ enum: ['own', 'escalated', 'cross'] }) mode!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) roundId!: string | null;
  @ApiProperty() ownerNode!: string;
  @ApiProperty() conductingNode!: string;
  @ApiProperty() organizationCode!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty() organizationCategory!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) crossOrderId!: string | null;
  @ApiProperty({ format: 'date' }) windowStart!: string;
  @ApiProperty({ format: 'date' }) windowEnd!: string;
  @ApiProperty({ example: 'planned' }) status!: string;
  @ApiProperty(NULLABLE_TEXT) refusalReason!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) eventId!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME) feedbackAt!: Date | null;
  @ApiProperty(NULLABLE_TEXT) feedbackSummary!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME) handedBackAt!: Date | null;
  @ApiProperty(NULLABLE_TEXT) handBackNotes!: string | null;
  @ApiProperty(DATE_TIME) createdAt!: Date;
}
