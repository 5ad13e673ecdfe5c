import type { ProblemCategoryCountsV1 } from '@liandong/protocol';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Each child's latest counts of its subtree by problem category, from `problems.reported.v1`. */
@Entity('child_problems')
export class ChildProblems {
  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ name: 'catalogue_version', type: 'integer' })
  catalogueVersion!: number;

  @Column({ type: 'jsonb' })
  subtree!: ProblemCategoryCountsV1[];

  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf!: Date;
}
