import type { ProblemCategory } from '@liandong/protocol';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const FINDING_STATUSES = ['drafted', 'checked', 'signed', 'withdrawn'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** 问题底稿: a problem the team found, with facts, evidence and its normative basis. */
@Entity({ name: 'finding' })
export class Finding {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'inspection_id', type: 'uuid' })
  inspectionId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  facts!: string;

  /** 定性依据: the rule the finding is judged by. */
  @Column({ type: 'text', nullable: true })
  basis!: string | null;

  /** 问题类别, from central's catalogue; none counts as `other` (其他/未分类). */
  @Column({ type: 'text', nullable: true })
  category!: ProblemCategory | null;

  /**
   * drafted (by a member) → checked (by the deputy leader) → signed (by the leader); the
   * leader may return a checked or signed finding to drafted (while no finalized report holds
   * it); the inspection office may withdraw it from the report (withdrawn, for good).
   */
  @Column({ type: 'text' })
  status!: FindingStatus;

  @Column({ name: 'drafted_by', type: 'text' })
  draftedBy!: string;

  @Column({ name: 'checked_by', type: 'text', nullable: true })
  checkedBy!: string | null;

  @Column({ name: 'signed_by', type: 'text', nullable: true })
  signedBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Why, by whom and when the leader last returned it to draft (退回修改). */
  @Column({ name: 'returned_reason', type: 'text', nullable: true })
  returnedReason!: string | null;

  @Column({ name: 'returned_by', type: 'text', nullable: true })
  returnedBy!: string | null;

  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true })
  returnedAt!: Date | null;

  /** Why, by whom and when the inspection office withdrew it from the report (撤回). */
  @Column({ name: 'withdrawn_reason', type: 'text', nullable: true })
  withdrawnReason!: string | null;

  @Column({ name: 'withdrawn_by', type: 'text', nullable: true })
  withdrawnBy!: string | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;
}

/** An evidence file of a finding, kept with its SHA-256 and checked content type. */
@Entity({ name: 'evidence' })
export class Evidence {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'finding_id', type: 'uuid' })
  findingId!: string;

  @Column({ type: 'text' })
  filename!: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  @Column({ type: 'integer' })
  size!: number;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'bytea', select: false })
  data!: Buffer;

  @Column({ name: 'uploaded_by', type: 'text' })
  uploadedBy!: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;
}
