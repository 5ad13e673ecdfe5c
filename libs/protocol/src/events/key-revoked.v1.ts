import { Type } from 'class-transformer';
import { IsNodeId } from '../validation';
import { Equals, IsDateString, IsString, Length, Matches, ValidateNested } from 'class-validator';

/** A key revocation as its signer made it (protocol.md §2.4); it verifies on its own. */
export class KeyRevocationV1 {
  @Equals(1)
  version!: 1;

  @Matches(/^[0-9a-f]{32}$/)
  keyId!: string;

  @IsNodeId()
  nodeId!: string;

  @IsDateString({ strict: true })
  revokedAt!: string;

  @IsString()
  @Length(0, 500)
  reason!: string;

  @IsNodeId()
  signerNodeId!: string;

  @Matches(/^[0-9a-f]{32}$/)
  signerKeyId!: string;

  @Matches(/^[A-Za-z0-9_-]{86}$/)
  signature!: string;
}

/**
 * 密钥吊销: a revocation travelling down the tree, so that every node learns it exactly once
 * and keeps it, whatever becomes of the key registry (protocol.md §2.4). The revoking parent
 * sends it to central, which sends it to its whole subtree; a receiver trusts the
 * revocation's own signature, not the node that passed it on.
 */
export class KeyRevokedV1 {
  static readonly type = 'key.revoked.v1';

  @ValidateNested()
  @Type(() => KeyRevocationV1)
  revocation!: KeyRevocationV1;
}
