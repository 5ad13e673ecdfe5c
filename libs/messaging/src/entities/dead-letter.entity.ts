import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * rejected: refused for authenticity, authority, sequence or expiry; never applied.
 * dead_lettered: authentic but unprocessable (bad payload, failing handler, delivery exhausted).
 */
export type DeadLetterKind = 'rejected' | 'dead_lettered';

@Entity({ name: 'dead_letter' })
export class DeadLetter {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  kind!: DeadLetterKind;

  @Column({ name: 'reason_code', type: 'text' })
  reasonCode!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'event_id', type: 'text', nullable: true })
  eventId!: string | null;

  @Column({ name: 'event_type', type: 'text', nullable: true })
  eventType!: string | null;

  @Column({ type: 'text', nullable: true })
  issuer!: string | null;

  @Column({ name: 'hop_from', type: 'text', nullable: true })
  hopFrom!: string | null;

  /** The message body as received (truncated to 64 KiB). */
  @Column({ type: 'text' })
  raw!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
