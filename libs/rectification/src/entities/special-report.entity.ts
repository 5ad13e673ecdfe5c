import { Column, Entity, PrimaryColumn } from 'typeorm';

export const SPECIAL_REPORT_ADDRESSEES = ['party_committee', 'ancestor'] as const;
export type SpecialReportAddressee = (typeof SPECIAL_REPORT_ADDRESSEES)[number];

/**
 * 专题报告: written here (to this node's party committee, or sent to an ancestor's office) or
 * received from a descendant. The findings it rests on are this node's own; a received report
 * carries only how many.
 */
@Entity({ name: 'special_report' })
export class SpecialReport {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  role!: 'written' | 'received';

  @Column({ name: 'from_node', type: 'text' })
  fromNode!: string;

  @Column({ type: 'text' })
  addressee!: SpecialReportAddressee;

  /** The ancestor it went to; null for this node's party committee. */
  @Column({ name: 'to_node', type: 'text', nullable: true })
  toNode!: string | null;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  /** This node's signed findings it rests on (written reports only). */
  @Column({ name: 'finding_ids', type: 'uuid', array: true, default: () => "'{}'" })
  findingIds!: string[];

  @Column({ name: 'finding_count', type: 'integer' })
  findingCount!: number;

  @Column({ name: 'submitted_by', type: 'text' })
  submittedBy!: string;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;
}
