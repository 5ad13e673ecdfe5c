import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One version of a policy parameter, in force from its effective date until superseded. */
@Entity({ name: 'policy_version' })
export class PolicyVersion {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  key!: string;

  @Column({
    type: 'numeric',
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  value!: number;

  /** Calendar date (YYYY-MM-DD) from which this version applies. */
  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom!: string;

  /** The directive that set it; null for the baseline shipped with the schema. */
  @Column({ name: 'directive_id', type: 'uuid', nullable: true })
  directiveId!: string | null;

  @Column({ name: 'set_by_node', type: 'text', nullable: true })
  setByNode!: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
