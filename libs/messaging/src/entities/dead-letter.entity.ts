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

  /** The message body as text (truncated to 64 KiB; characters PostgreSQL cannot hold shown as U+FFFD). */
  @Column({ type: 'text' })
  raw!: string;

  /** The message body exactly as received, bytes (its first 64 KiB). */
  @Column({ name: 'raw_bytes', type: 'bytea', nullable: true })
  rawBytes!: Buffer | null;

  /** Which broker delivery this was (`<stream seq>@<stored nanoseconds>`): a redelivery is recorded once. */
  @Column({ type: 'text', nullable: true })
  delivery!: string | null;

  @Column({ name: 'stream_seq', type: 'bigint', nullable: true })
  streamSeq!: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
