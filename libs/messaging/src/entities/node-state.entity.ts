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

  /**
   * The stream position of the last message this database settled. When the broker has
   * acknowledged more than this, the database was restored from a backup (or replaced).
   */
  @Column({ name: 'consumed_stream_seq', type: 'bigint', nullable: true })
  consumedStreamSeq!: string | null;

  /** When a restore was noticed; its own sequences are announced as restarted from then on. */
  @Column({ name: 'restored_at', type: 'timestamptz', nullable: true })
  restoredAt!: Date | null;
}
