import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The protocol version each peer last announced on the messages it published (the
 * `Liandong-Protocol` header, protocol.md §9.1): the batched forms go only to a peer whose
 * last announcement was 1.1 or later.
 */
@Entity({ name: 'peer_protocol' })
export class PeerProtocol {
  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ name: 'batch_forms', type: 'boolean' })
  batchForms!: boolean;

  @Column({ name: 'seen_at', type: 'timestamptz' })
  seenAt!: Date;
}
