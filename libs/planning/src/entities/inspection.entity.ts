import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { InspectionMode } from '@liandong/protocol';

/**
 * Where this node stands to an inspection: it conducts it; it owns the inspected
 * organization while another node conducts it (hosted); or it was told of the result as
 * the ordering node or the node of the linked round (reported).
 */
export type InspectionRole = 'conducting' | 'hosted' | 'reported';
export type InspectionStatus =
  'planned' | 'requested' | 'refused' | 'feedback_given' | 'handed_back';

@Entity({ name: 'inspection' })
export class Inspection {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  role!: InspectionRole;

  @Column({ type: 'text' })
  mode!: InspectionMode;

  /** This node's round (conducting), or the round the result was reported under. */
  @Column({ name: 'round_id', type: 'uuid', nullable: true })
  roundId!: string | null;

  @Column({ name: 'owner_node', type: 'text' })
  ownerNode!: string;

  @Column({ name: 'conducting_node', type: 'text' })
  conductingNode!: string;

  @Column({ name: 'organization_code', type: 'text' })
  organizationCode!: string;

  @Column({ name: 'organization_name', type: 'text' })
  organizationName!: string;

  @Column({ name: 'organization_category', type: 'text' })
  organizationCategory!: string;

  @Column({ name: 'cross_order_id', type: 'uuid', nullable: true })
  crossOrderId!: string | null;

  @Column({ name: 'window_start', type: 'date' })
  windowStart!: string;

  @Column({ name: 'window_end', type: 'date' })
  windowEnd!: string;

  @Column({ type: 'text' })
  status!: InspectionStatus;

  @Column({ name: 'refusal_reason', type: 'text', nullable: true })
  refusalReason!: string | null;

  /** The envelope that asked the owner node (escalation); its receipt says accepted or refused. */
  @Column({ name: 'event_id', type: 'uuid', nullable: true })
  eventId!: string | null;

  @Column({ name: 'feedback_at', type: 'timestamptz', nullable: true })
  feedbackAt!: Date | null;

  @Column({ name: 'feedback_summary', type: 'text', nullable: true })
  feedbackSummary!: string | null;

  @Column({ name: 'handed_back_at', type: 'timestamptz', nullable: true })
  handedBackAt!: Date | null;

  @Column({ name: 'hand_back_notes', type: 'text', nullable: true })
  handBackNotes!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
