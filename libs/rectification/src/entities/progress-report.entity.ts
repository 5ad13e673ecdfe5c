import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The three offices that review and sign a progress report. */
export const REVIEWING_OFFICES = [
  'supervision_office',
  'organization_department',
  'inspection_office',
] as const;
export type ReviewingOffice = (typeof REVIEWING_OFFICES)[number];

/** 整改进展情况报告, signed by the supervision office, the organization department and the inspection office. */
@Entity({ name: 'progress_report' })
export class ProgressReport {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'rectification_id', type: 'uuid' })
  rectificationId!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'submitted_by', type: 'text' })
  submittedBy!: string;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ type: 'jsonb' })
  signatures!: Array<{ office: ReviewingOffice; signedBy: string; signedAt: string }>;
}
