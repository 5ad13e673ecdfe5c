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

  @Column({ name: 'settled_at', type: 'timestamptz' })
  settledAt!: Date;
}
