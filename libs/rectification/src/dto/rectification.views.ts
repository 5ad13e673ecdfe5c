import { ApiProperty } from '@nestjs/swagger';
import { REVIEWING_OFFICES } from '../entities';
import { DATE_TIME, NULLABLE_DATE_TIME, NULLABLE_TEXT } from './formats';
import { ALERT_LEVELS, DeadlineView } from './deadline.views';
import { SupervisionNoteView } from './supervision.views';

export { DeadlineView };

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

/** A file of proof of an item (销号佐证材料): its facts; the bytes come through its download. */
export class ProofFileView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty({ example: '银行回单.pdf', description: 'a safe base name' }) filename!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty({ description: 'bytes' }) size!: number;
  @ApiProperty({ description: 'SHA-256 of the file, hex' }) sha256!: string;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty(DATE_TIME) uploadedAt!: Date;
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
  @ApiProperty({ example: '整改中' }) statusLabel!: string;
  @ApiProperty({ ...NULLABLE_TEXT, description: 'the proof in words (销号佐证说明)' })
  proof!: string | null;
  @ApiProperty({ type: [ProofFileView], description: 'the files of proof, oldest first' })
  proofFiles!: ProofFileView[];
  @ApiProperty(NULLABLE_TEXT) closedBy!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME) closedAt!: Date | null;
}

export class SignatureView {
  @ApiProperty({ enum: REVIEWING_OFFICES }) office!: string;
  @ApiProperty({ example: '监督检查室' }) officeLabel!: string;
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

/** One of the three offices that review a progress report. */
export class ReviewingOfficeView {
  @ApiProperty({ enum: REVIEWING_OFFICES }) office!: string;
  @ApiProperty({ example: '组织部门' }) officeLabel!: string;
}

export class ReviewedProgressReportView extends ProgressReportView {
  @ApiProperty({ description: 'signed by all three offices' }) complete!: boolean;
  @ApiProperty({
    type: [ReviewingOfficeView],
    description: 'the offices that have still to sign, in the order of the review',
  })
  awaiting!: ReviewingOfficeView[];
}

export class AlertView {
  @ApiProperty({ format: 'uuid' }) rectificationId!: string;
  @ApiProperty({ enum: ALERT_LEVELS }) level!: string;
  @ApiProperty({ example: 'unit_head' }) notify!: string;
  @ApiProperty(DATE_TIME) raisedAt!: Date;
  @ApiProperty({ example: '距整改进展报告期限不足10天，提醒单位主要负责人' }) label!: string;
}

/** A rectification in the list: its deadline and how far its problem list has come. */
export class RectificationSummaryView extends RectificationView {
  @ApiProperty({ type: DeadlineView }) deadline!: DeadlineView;
  @ApiProperty({ description: 'problems on the problem list' }) itemCount!: number;
  @ApiProperty({ description: 'problems closed with proof (已销号)' }) closedCount!: number;
  @ApiProperty({ description: 'progress reports submitted' }) progressReportCount!: number;
  @ApiProperty({ description: 'notes of routine supervision recorded (日常监督记录)' })
  supervisionNoteCount!: number;
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
  @ApiProperty({
    type: [SupervisionNoteView],
    nullable: true,
    description:
      '日常监督记录, by the day supervised; null for a caller whose roles do not read them (only the supervision office, the inspection office and the leading group do)',
  })
  supervisionNotes!: SupervisionNoteView[] | null;
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
