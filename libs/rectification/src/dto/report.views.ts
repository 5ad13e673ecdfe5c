import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME, NULLABLE_TEXT } from './formats';

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
