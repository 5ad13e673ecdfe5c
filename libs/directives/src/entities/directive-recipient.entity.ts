import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The issuer's view of one node that a directive it issued reaches. */
@Entity({ name: 'directive_recipient' })
export class DirectiveRecipient {
  @PrimaryColumn({ name: 'directive_id', type: 'uuid' })
  directiveId!: string;

  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  /** The envelope that carries the directive to this node (shared by a whole subtree). */
  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  receivedAt!: Date | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'text', nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: 'relayed_at', type: 'timestamptz', nullable: true })
  relayedAt!: Date | null;

  @Column({ name: 'relayed_directive_id', type: 'uuid', nullable: true })
  relayedDirectiveId!: string | null;

  @Column({ name: 'reported_at', type: 'timestamptz', nullable: true })
  reportedAt!: Date | null;

  @Column({ name: 'reported_by', type: 'text', nullable: true })
  reportedBy!: string | null;

  @Column({ name: 'report_summary', type: 'text', nullable: true })
  reportSummary!: string | null;
}
