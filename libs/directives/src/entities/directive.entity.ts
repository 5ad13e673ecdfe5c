import type { SealedBox } from '@liandong/protocol';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DirectiveOrigin = 'issued' | 'received';

/** A directive this node issued, or one it received from an ancestor. */
@Entity({ name: 'directive' })
export class Directive {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  origin!: DirectiveOrigin;

  @Column({ name: 'issuer_node', type: 'text' })
  issuerNode!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text' })
  scope!: 'children' | 'subtree';

  @Column({ name: 'report_due_at', type: 'timestamptz' })
  reportDueAt!: Date;

  @Column({ name: 'parent_directive_id', type: 'uuid', nullable: true })
  parentDirectiveId!: string | null;

  @Column({ type: 'jsonb', default: [] })
  policies!: Array<{ key: string; value: number; effectiveFrom: string }>;

  /** Confidential annexes as sealed boxes: this node can open only those sealed to its own bodies. */
  @Column({ type: 'jsonb', default: [] })
  sealed!: SealedBox[];

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'issued_by', type: 'text', nullable: true })
  issuedBy!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  receivedAt!: Date | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'text', nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: 'relayed_directive_id', type: 'uuid', nullable: true })
  relayedDirectiveId!: string | null;

  @Column({ name: 'reported_at', type: 'timestamptz', nullable: true })
  reportedAt!: Date | null;

  @Column({ name: 'reported_by', type: 'text', nullable: true })
  reportedBy!: string | null;

  @Column({ name: 'report_summary', type: 'text', nullable: true })
  reportSummary!: string | null;
}
