import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { InspectionMode } from '@liandong/protocol';

/** An inspection counted for coverage of an organization in this node's registry. */
@Entity({ name: 'coverage_credit' })
export class CoverageCredit {
  @PrimaryColumn({ name: 'inspection_id', type: 'uuid' })
  inspectionId!: string;

  @Column({ name: 'organization_code', type: 'text' })
  organizationCode!: string;

  @Column({ type: 'text' })
  mode!: InspectionMode;

  @Column({ name: 'conducted_by', type: 'text' })
  conductedBy!: string;

  @Column({ name: 'feedback_at', type: 'timestamptz' })
  feedbackAt!: Date;
}
