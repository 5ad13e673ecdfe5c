import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A node of this node's subtree, known from its signed node.registered event. */
@Entity({ name: 'federation_node' })
export class FederationNode {
  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  tier!: string;

  @Column({ name: 'parent_id', type: 'text', nullable: true })
  parentId!: string | null;

  @Column({ type: 'text', array: true })
  path!: string[];

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;
}
