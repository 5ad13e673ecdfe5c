import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last sequence this node issued per audience. */
@Entity({ name: 'sequence_counter' })
export class SequenceCounter {
  @PrimaryColumn({ type: 'text' })
  audience!: string;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq!: string;

  /** When this node last announced a restart of this sequence (after a restore was noticed). */
  @Column({ name: 'restarted_at', type: 'timestamptz', nullable: true })
  restartedAt!: Date | null;
}
