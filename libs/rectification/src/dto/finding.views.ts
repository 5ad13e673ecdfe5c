import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROBLEM_CATEGORIES } from '@liandong/protocol';
import { FINDING_STATUSES } from '../entities';
import { DATE_TIME, NULLABLE_DATE_TIME, NULLABLE_TEXT } from './formats';

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
  @ApiProperty({
    enum: PROBLEM_CATEGORIES,
    nullable: true,
    type: String,
    description: '问题类别; null when none was given (counted as 其他/未分类)',
  })
  category!: string | null;
  @ApiProperty({
    example: '作风建设（含落实中央八项规定精神）',
    description: 'zh-CN category label; 未分类 when none',
  })
  categoryLabel!: string;
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

/** One entry of a finding's audit trail: who did what to it, and when. */
export class FindingTrailEntryView {
  @ApiProperty({ description: 'position in the node’s audit chain' }) seq!: number;
  @ApiProperty(DATE_TIME) occurredAt!: Date;
  @ApiProperty({ example: 'user:deputy-1', description: 'a person (user:…), a node or system' })
  actor!: string;
  @ApiProperty({ example: 'finding.checked' }) action!: string;
  @ApiProperty({ example: '副组长审核' }) actionLabel!: string;
  @ApiProperty({ ...NULLABLE_TEXT, description: 'why (a return to draft, a withdrawal)' })
  reason!: string | null;
  @ApiProperty({ ...NULLABLE_TEXT, description: 'the evidence file an entry is about' })
  filename!: string | null;
  @ApiProperty({ ...NULLABLE_TEXT, description: 'SHA-256 of that evidence file' })
  sha256!: string | null;
}
