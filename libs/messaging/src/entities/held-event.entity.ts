import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An authenticated envelope that arrived ahead of a gap in its sequence, kept until the gap fills. */
@Entity({ name: 'held_event' })
export class HeldEvent {
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

  @Column({ name: 'hop_from', type: 'text', nullable: true })
  hopFrom!: string | null;

  @Column({ name: 'held_at', type: 'timestamptz' })
  heldAt!: Date;
}
