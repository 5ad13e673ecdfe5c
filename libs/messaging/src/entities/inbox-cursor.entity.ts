import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last sequence settled per (issuer, audience); the next one applied must be last + 1. */
@Entity({ name: 'inbox_cursor' })
export class InboxCursor {
  @PrimaryColumn({ type: 'text' })
  issuer!: string;

  @PrimaryColumn({ type: 'text' })
  audience!: string;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq!: string;

  /** When the issuer last said its counter went back (sequence.restarted.v1); older restarts are ignored. */
  @Column({ name: 'restarted_at', type: 'timestamptz', nullable: true })
  restartedAt!: Date | null;
}
