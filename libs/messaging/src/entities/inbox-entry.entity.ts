import { Column, Entity, PrimaryColumn } from 'typeorm';

export type InboxOutcome = 'applied' | 'rejected' | 'dead_lettered';

/** One row per event id this node has settled: the proof that it is never applied twice. */
@Entity({ name: 'inbox' })
export class InboxEntry {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  issuer!: string;

  @Column({ type: 'text' })
  audience!: string;

  @Column({ type: 'bigint' })
  seq!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ type: 'text' })
  outcome!: InboxOutcome;

  /** For a refusal: its code and reason, repeated in the receipt of a duplicate. */
  @Column({ name: 'reason_code', type: 'text', nullable: true })
  reasonCode!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** Position of the message in the broker's stream, where it came from the stream. */
  @Column({ name: 'stream_seq', type: 'bigint', nullable: true })
  streamSeq!: string | null;

  @Column({ name: 'settled_at', type: 'timestamptz' })
  settledAt!: Date;
}
