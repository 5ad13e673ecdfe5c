import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The state of one version of a report: awaiting the parent, accepted (locked), returned. */
export type VersionState = 'submitted' | 'accepted' | 'returned';

/** Columns every stored version has, this node's own or a child's. */
abstract class ReportVersion {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ name: 'form_version', type: 'integer' })
  formVersion!: number;

  /** The node's own figures, frozen at submission, by form key. */
  @Column({ type: 'jsonb' })
  own!: Record<string, number>;

  /** Own plus each child's latest accepted subtree at submission. */
  @Column({ type: 'jsonb' })
  subtree!: Record<string, number>;

  /** Why an accepted report is corrected (更正原因); null for a first or returned one. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'submitted_by', type: 'text' })
  submittedBy!: string;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ type: 'text' })
  state!: VersionState;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /** 退回理由. */
  @Column({ name: 'return_reason', type: 'text', nullable: true })
  returnReason!: string | null;
}

/** 年度统计: a version this node submitted to its parent; its figures never change. */
@Entity({ name: 'statistics_report' })
export class StatisticsReport extends ReportVersion {
  /** Which version of each child's report the subtree counted (its latest accepted then). */
  @Column({ type: 'jsonb' })
  counted!: Record<string, number>;
}

/** A version a direct child submitted to this node, decided here. */
@Entity({ name: 'child_statistics' })
export class ChildStatistics extends ReportVersion {
  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
