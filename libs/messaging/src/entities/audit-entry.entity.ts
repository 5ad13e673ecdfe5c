import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who did what, written in the same transaction as the change it records. Insert-only
 * and hash-chained (see the AuditChain migration): PostgreSQL refuses UPDATE and DELETE.
 */
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

  /** Position in the hash chain; assigned by PostgreSQL (trigger), never by the application. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ name: 'prev_hash', type: 'text', insert: false, update: false })
  prevHash!: string;

  @Column({ type: 'text', insert: false, update: false })
  hash!: string;
}
