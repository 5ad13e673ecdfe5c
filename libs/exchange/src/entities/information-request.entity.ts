import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AskedBody, InformationRequestKind, SealedBox, Tier } from '@liandong/protocol';

/**
 * 巡前信息沟通 / 巡中监督手段支持: as the requesting node (from_node), the asked node
 * (target_node), or both (a request to this node's own bodies). The answer's box is kept only
 * where it can be opened: at the requesting node.
 */
@Entity({ name: 'information_request' })
export class InformationRequest {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  kind!: InformationRequestKind;

  @Column({ name: 'from_node', type: 'text' })
  fromNode!: string;

  @Column({ name: 'target_node', type: 'text' })
  targetNode!: string;

  @Column({ type: 'text' })
  body!: AskedBody;

  @Column({ name: 'cadre_tier', type: 'text', nullable: true })
  cadreTier!: Tier | null;

  @Column({ name: 'inspection_id', type: 'uuid' })
  inspectionId!: string;

  @Column({ name: 'organization_name', type: 'text' })
  organizationName!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  details!: string;

  /** The last day (China Standard Time) an answer is on time. */
  @Column({ name: 'answer_by', type: 'date' })
  answerBy!: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  /** Who sent it: a user of the requesting node, or `node:<id>` as the asked node records it. */
  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'answered_by', type: 'text', nullable: true })
  answeredBy!: string | null;

  @Column({ name: 'attachment_count', type: 'integer', nullable: true })
  attachmentCount!: number | null;

  /** The answer sealed to the requesting node's inspection office key; null at the asked node. */
  @Column({ type: 'jsonb', nullable: true })
  sealed!: SealedBox | null;
}
