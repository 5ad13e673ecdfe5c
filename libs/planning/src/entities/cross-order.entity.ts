import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One assignment of a cross inspection, as the ordering, visiting or inspected node holds it. */
export type CrossRole = 'ordering' | 'visiting' | 'inspected';

@Entity({ name: 'cross_order' })
export class CrossOrder {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  role!: CrossRole;

  /** The ordering node's round. */
  @Column({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  /** The visiting node's own round for it (opened on receipt of the order). */
  @Column({ name: 'local_round_id', type: 'uuid', nullable: true })
  localRoundId!: string | null;

  @Column({ name: 'ordering_node', type: 'text' })
  orderingNode!: string;

  @Column({ name: 'visiting_node', type: 'text' })
  visitingNode!: string;

  @Column({ name: 'inspected_node', type: 'text' })
  inspectedNode!: string;

  @Column({ name: 'organization_codes', type: 'text', array: true })
  organizationCodes!: string[];

  @Column({ name: 'window_start', type: 'date' })
  windowStart!: string;

  @Column({ name: 'window_end', type: 'date' })
  windowEnd!: string;

  /** The envelopes that carried the order (ordering node): a refusal of either refuses it. */
  @Column({ name: 'event_ids', type: 'uuid', array: true })
  eventIds!: string[];

  @Column({ type: 'text' })
  status!: 'ordered' | 'granted' | 'refused';

  @Column({ name: 'refusal_reason', type: 'text', nullable: true })
  refusalReason!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
