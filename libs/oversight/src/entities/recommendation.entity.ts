import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OversightChecklistItem } from '@liandong/protocol';

/** 督导意见: held at both ends; the overseen node answers it by `answerBy`. */
@Entity('oversight_recommendation')
export class Recommendation {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'engagement_id', type: 'uuid' })
  engagementId!: string;

  @Column({ type: 'text' })
  item!: OversightChecklistItem;

  @Column({ type: 'text' })
  text!: string;

  /** China date, from the overseeing node's policy on the closing day. */
  @Column({ name: 'answer_by', type: 'date' })
  answerBy!: string;

  @Column({ type: 'text', nullable: true })
  answer!: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'answered_by', type: 'text', nullable: true })
  answeredBy!: string | null;

  /** When the sweep first found it past its deadline, unanswered (audited once). */
  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true })
  overdueAt!: Date | null;
}

/** Each child's latest oversight figures (its subtree), from `oversight.reported.v1`. */
@Entity('child_oversight')
export class ChildOversight {
  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'jsonb' })
  own!: Record<string, number>;

  @Column({ type: 'jsonb' })
  subtree!: Record<string, number>;

  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf!: Date;
}
