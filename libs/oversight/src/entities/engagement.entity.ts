import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  OversightArea,
  OversightChecklistItem,
  OversightForm,
  OversightPersonV1,
} from '@liandong/protocol';

/** Which end of an engagement this node holds. */
export type EngagementRole = 'overseeing' | 'overseen';
export type EngagementStatus = 'opened' | 'acknowledged' | 'closed' | 'refused';

/** 指导督导: one engagement, held by the overseeing node and by the overseen node, same id. */
@Entity('oversight_engagement')
export class Engagement {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  role!: EngagementRole;

  @Column({ name: 'overseeing_node', type: 'text' })
  overseeingNode!: string;

  @Column({ name: 'overseen_node', type: 'text' })
  overseenNode!: string;

  @Column({ type: 'text' })
  form!: OversightForm;

  @Column({ name: 'round_id', type: 'uuid', nullable: true })
  roundId!: string | null;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'window_start', type: 'date' })
  windowStart!: string;

  @Column({ name: 'window_end', type: 'date' })
  windowEnd!: string;

  @Column({ type: 'jsonb' })
  people!: OversightPersonV1[];

  @Column({ type: 'text', array: true })
  checklist!: OversightChecklistItem[];

  @Column({ type: 'text' })
  status!: EngagementStatus;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'text', nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: 'granted_areas', type: 'text', array: true, nullable: true })
  grantedAreas!: OversightArea[] | null;

  @Column({ name: 'grant_from', type: 'date', nullable: true })
  grantFrom!: string | null;

  @Column({ name: 'grant_until', type: 'date', nullable: true })
  grantUntil!: string | null;

  @Column({ name: 'granted_at', type: 'timestamptz', nullable: true })
  grantedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  assessment!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** The event that opened it (overseeing end), for its receipt. */
  @Column({ name: 'event_id', type: 'uuid', nullable: true })
  eventId!: string | null;

  @Column({ name: 'refusal_reason', type: 'text', nullable: true })
  refusalReason!: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** What the overseeing team saw, per checklist item. */
@Entity('oversight_observation')
export class Observation {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'engagement_id', type: 'uuid' })
  engagementId!: string;

  @Column({ type: 'text' })
  item!: OversightChecklistItem;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}

/** A file the overseeing team keeps as evidence of an observation (SHA-256 as uploaded). */
@Entity('oversight_observation_evidence')
export class ObservationEvidence {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'observation_id', type: 'uuid' })
  observationId!: string;

  @Column({ type: 'text' })
  filename!: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  @Column({ type: 'integer' })
  size!: number;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'bytea', select: false })
  data!: Buffer;

  @Column({ name: 'uploaded_by', type: 'text' })
  uploadedBy!: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;
}

/** 以干代训: who attended a training engagement. */
@Entity('oversight_attendee')
export class Attendee {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'engagement_id', type: 'uuid' })
  engagementId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  unit!: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
