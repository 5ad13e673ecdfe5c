import { ApiProperty } from '@nestjs/swagger';
import { REVIEWING_OFFICES } from '../entities';
import { DATE_TIME, NULLABLE_DATE_TIME, NULLABLE_TEXT } from './formats';

const ALERT_LEVELS = ['days_20', 'days_10', 'overdue'] as const;

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
