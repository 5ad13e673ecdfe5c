import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last sequence this node issued per audience. */
@Entity({ name: 'sequence_counter' })
export class SequenceCounter {
  @PrimaryColumn({ type: 'text' })
  audience!: string;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq!: string;
}
