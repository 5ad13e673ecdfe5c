import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** event: sequenced, re-sent until receipted; receipt and control: sent once. */
export type OutboxKind = 'event' | 'receipt' | 'control';
/**
 * pending: not yet on the broker; published: the broker has it, no receipt yet (re-sent
 * until one arrives); delivered: receipted (or, for a receipt, accepted by the broker);
 * refused: the receiver's receipt says it rejected or dead-lettered the event.
 */
export type OutboxStatus = 'pending' | 'published' | 'delivered' | 'refused';

@Entity({ name: 'outbox' })
@Index('outbox_event_target', ['eventId', 'targetNode'], { unique: true })
export class OutboxEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'target_node', type: 'text' })
  targetNode!: string;

  @Column({ type: 'text' })
  kind!: OutboxKind;

  /** For events: the sequence the envelope carries (its issuer may be another node, forwarded). */
  @Column({ type: 'text', nullable: true })
  issuer!: string | null;

  @Column({ type: 'text', nullable: true })
  audience!: string | null;

  @Column({ type: 'bigint', nullable: true })
  seq!: string | null;

  /** The signed envelope exactly as it goes on the wire. */
  @Column({ type: 'text' })
  envelope!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: OutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'receipted_at', type: 'timestamptz', nullable: true })
  receiptedAt!: Date | null;

  @Column({ name: 'receipt_outcome', type: 'text', nullable: true })
  receiptOutcome!: string | null;

  @Column({ name: 'receipt_reason', type: 'text', nullable: true })
  receiptReason!: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}
