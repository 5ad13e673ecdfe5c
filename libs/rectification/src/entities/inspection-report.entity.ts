import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface ReportedFinding {
  findingId: string;
  title: string;
  facts: string;
  basis: string;
  evidence: Array<{ id: string; filename: string; sha256: string; size: number }>;
  signedBy: string;
}

/** 巡视报告: one finalized version; never changed (the database refuses), only superseded. */
@Entity({ name: 'inspection_report' })
export class InspectionReport {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'inspection_id', type: 'uuid' })
  inspectionId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'jsonb' })
  findings!: ReportedFinding[];

  /** Why this version corrects the one before (required from version 2). */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'finalized_by', type: 'text' })
  finalizedBy!: string;

  @Column({ name: 'finalized_at', type: 'timestamptz' })
  finalizedAt!: Date;
}

/** The leading group's decision on a report version. */
@Entity({ name: 'report_decision' })
export class ReportDecision {
  @PrimaryColumn({ name: 'report_id', type: 'uuid' })
  reportId!: string;

  @Column({ type: 'text' })
  decision!: string;

  @Column({ name: 'decided_by', type: 'text' })
  decidedBy!: string;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}
