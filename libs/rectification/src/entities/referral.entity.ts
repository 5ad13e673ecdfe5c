import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Body, ReferralKind, SealedBox, Tier } from '@liandong/protocol';

/** 移交: as the sending node, the receiving node, or both (a referral to its own bodies). */
@Entity({ name: 'referral' })
export class Referral {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'from_node', type: 'text' })
  fromNode!: string;

  @Column({ name: 'target_node', type: 'text' })
  targetNode!: string;

  @Column({ type: 'text' })
  kind!: ReferralKind;

  @Column({ type: 'text', nullable: true })
  body!: Body | null;

  @Column({ type: 'jsonb', nullable: true })
  sealed!: SealedBox | null;

  @Column({ type: 'jsonb', nullable: true })
  recommendation!: { department: string; text: string } | null;

  @Column({ name: 'cadre_tier', type: 'text', nullable: true })
  cadreTier!: Tier | null;

  @Column({ name: 'inspection_id', type: 'uuid' })
  inspectionId!: string;

  @Column({ name: 'finding_id', type: 'uuid' })
  findingId!: string;

  @Column({ name: 'organization_name', type: 'text' })
  organizationName!: string;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt!: Date;

  @Column({ name: 'acknowledge_by', type: 'timestamptz' })
  acknowledgeBy!: Date;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'text', nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: 'disposed_at', type: 'timestamptz', nullable: true })
  disposedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  disposition!: string | null;
}
