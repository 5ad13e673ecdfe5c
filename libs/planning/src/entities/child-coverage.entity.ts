import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CoverageFiguresV1, NodeCoverageV1, OversightFiguresV1 } from '@liandong/protocol';

/** A child's latest coverage report (its own and its subtree's figures). */
@Entity({ name: 'child_coverage' })
export class ChildCoverage {
  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'term_starts_on', type: 'date', nullable: true })
  termStartsOn!: string | null;

  @Column({ name: 'term_ends_on', type: 'date', nullable: true })
  termEndsOn!: string | null;

  @Column({ type: 'jsonb' })
  own!: CoverageFiguresV1;

  @Column({ type: 'jsonb' })
  subtree!: CoverageFiguresV1;

  @Column({ type: 'jsonb' })
  children!: NodeCoverageV1[];

  @Column({ name: 'own_oversight', type: 'jsonb', nullable: true })
  ownOversight!: OversightFiguresV1 | null;

  @Column({ name: 'subtree_oversight', type: 'jsonb', nullable: true })
  subtreeOversight!: OversightFiguresV1 | null;

  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf!: Date;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;
}
