import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { KeyRevocation, NodeCertificate } from '@liandong/protocol';

/** A certificate this node verified up to the root: pinned, whatever the registry holds later. */
@Entity({ name: 'trusted_certificate' })
export class TrustedCertificate {
  @PrimaryColumn({ name: 'key_id', type: 'text' })
  keyId!: string;

  @Column({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ type: 'jsonb' })
  certificate!: NodeCertificate;

  @Column({ name: 'first_verified_at', type: 'timestamptz' })
  firstVerifiedAt!: Date;
}

/**
 * A revocation signed by a certified node, kept for good. Whether it counts is decided when
 * a key is checked: only one signed by the revoked node's parent does (protocol.md §2.4).
 */
@Entity({ name: 'key_revocation' })
export class KeyRevocationRecord {
  @PrimaryColumn({ name: 'key_id', type: 'text' })
  keyId!: string;

  @PrimaryColumn({ name: 'signer_node_id', type: 'text' })
  signerNodeId!: string;

  @Column({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ name: 'revoked_at', type: 'timestamptz' })
  revokedAt!: Date;

  @Column({ type: 'jsonb' })
  revocation!: KeyRevocation;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  firstSeenAt!: Date;
}
