import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Single-row facts about this node's own database (which node it belongs to, registration). */
@Entity({ name: 'node_state' })
export class NodeState {
  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ name: 'registered_key_id', type: 'text', nullable: true })
  registeredKeyId!: string | null;

  @Column({ name: 'registered_at', type: 'timestamptz', nullable: true })
  registeredAt!: Date | null;
}
