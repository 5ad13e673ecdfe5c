import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Every subtree envelope this node issued or settled, as signed: what it re-sends to a child
 * that joined late or lost its database (protocol.md §5.5), whether or not it had children then.
 */
@Entity({ name: 'sequence_log' })
export class SequenceLog {
  @PrimaryColumn({ type: 'text' })
  issuer!: string;

  @PrimaryColumn({ type: 'text' })
  audience!: string;

  @PrimaryColumn({ type: 'bigint' })
  seq!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  envelope!: string;

  @Column({ name: 'not_after', type: 'timestamptz' })
  notAfter!: Date;
}
