import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RoundType } from '@liandong/protocol';

/** 轮次: this node's own round, or one it opened for an ancestor's linked round. */
@Entity({ name: 'round' })
export class Round {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  type!: RoundType;

  @Column({ type: 'text' })
  theme!: string;

  @Column({ name: 'window_start', type: 'date' })
  windowStart!: string;

  @Column({ name: 'window_end', type: 'date' })
  windowEnd!: string;

  @Column({ name: 'parent_round_id', type: 'uuid', nullable: true })
  parentRoundId!: string | null;

  @Column({ name: 'parent_node', type: 'text', nullable: true })
  parentNode!: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
