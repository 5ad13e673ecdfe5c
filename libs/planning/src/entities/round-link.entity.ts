import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A child asked to open a linked round for one of this node's rounds. */
@Entity({ name: 'round_link' })
export class RoundLink {
  @PrimaryColumn({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  @PrimaryColumn({ name: 'child_node', type: 'text' })
  childNode!: string;

  @Column({ name: 'child_round_id', type: 'uuid', nullable: true })
  childRoundId!: string | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;
}
