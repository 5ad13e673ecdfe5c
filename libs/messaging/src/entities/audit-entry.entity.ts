import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who did what, written in the same transaction as the change it records. */
@Entity({ name: 'audit_entry' })
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** A person (`user:<name>`), a remote node (`node:<code>`) or this node's own process. */
  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType!: string;

  @Column({ name: 'subject_id', type: 'text' })
  subjectId!: string;

  @Column({ type: 'jsonb', default: {} })
  detail!: Record<string, unknown>;
}
