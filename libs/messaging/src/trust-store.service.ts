import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  KeyRevocation,
  NodeCertificate,
  RefusalError,
  revocationSignatureValid,
  VerifiedKey,
  verifyKeyChain,
} from '@liandong/protocol';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from './clock';
import { KeyRevocationRecord, TrustedCertificate } from './entities';
import { KeyRegistryBucket } from './key-registry-bucket.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

/** How long a verified key chain is trusted before it is walked again. */
const VERIFIED_TTL_MS = 5 * 60_000;

/**
 * What this node trusts, kept in its database: a certificate once verified up to the root is
 * pinned (the registry cannot later swap it), and every revocation signed by a certified node
 * is kept for good — a wiped or rewritten registry cannot make this node forget a revocation.
 * Key chains are walked here, against the pinned certificates and the revocations.
 */
@Injectable()
export class TrustStore {
  private readonly logger = new Logger(TrustStore.name);
  /** Pinned: every certificate this node has verified. */
  private readonly certificates = new Map<string, NodeCertificate>();
  private readonly verified = new Map<string, { key: VerifiedKey; until: number }>();
  /** Revocations by revoked key id, whoever signed them (the parent's are the ones that count). */
  private readonly revocations = new Map<string, KeyRevocation[]>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly bucket: KeyRegistryBucket,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /**
   * Loads what this node trusted before, and pins its own chain (from its identity file, so
   * its ancestors' keys are known whatever the registry holds). At start.
   */
  async load(): Promise<void> {
    for (const row of await this.dataSource.getRepository(TrustedCertificate).find())
      this.certificates.set(row.keyId, row.certificate);
    for (const row of await this.dataSource.getRepository(KeyRevocationRecord).find())
      this.remember(row.revocation);
    const { chain, rootPublicKey } = this.options.identity;
    const own = new Map(chain.map((cert) => [cert.keyId, cert]));
    const verified = await verifyKeyChain(
      chain[0].keyId,
      chain[0].nodeId,
      async (id) => own.get(id),
      rootPublicKey,
      this.clock.now(),
    );
    await this.pin(verified.chain);
  }

  /** Every revocation this node holds, whoever signed it. */
  allRevocations(): KeyRevocation[] {
    return [...this.revocations.values()].flat();
  }

  revocationKnown(keyId: string): boolean {
    return (this.revocations.get(keyId)?.length ?? 0) > 0;
  }

  /**
   * Takes a revocation if it is signed by a certified node and verifies, and keeps it in this
   * node's database (in `manager`'s transaction when given). Whether it counts against a key
   * is decided when that key is checked (only the parent's does).
   */
  async accept(
    revocation: KeyRevocation,
    manager?: EntityManager,
  ): Promise<'taken' | 'known' | 'invalid'> {
    if (
      this.revocations
        .get(revocation.keyId)
        ?.some(
          (r) => r.signerNodeId === revocation.signerNodeId && r.signature === revocation.signature,
        )
    )
      return 'known';
    const signer = await this.verifiedKey(revocation.signerKeyId, revocation.signerNodeId).catch(
      (error: unknown) => {
        if (error instanceof RefusalError) return undefined;
        throw error;
      },
    );
    if (
      !signer ||
      signer.certificate.nodeId !== revocation.signerNodeId ||
      Number.isNaN(Date.parse(revocation.revokedAt)) ||
      !revocationSignatureValid(revocation, signer.certificate.publicKey)
    )
      return 'invalid';
    await (manager ?? this.dataSource.manager)
      .createQueryBuilder()
      .insert()
      .into(KeyRevocationRecord)
      .values({
        keyId: revocation.keyId,
        signerNodeId: revocation.signerNodeId,
        nodeId: revocation.nodeId,
        revokedAt: new Date(revocation.revokedAt),
        revocation,
        firstSeenAt: this.clock.now(),
      })
      .orUpdate(['revocation', 'revoked_at'], ['key_id', 'signer_node_id'])
      .execute();
    this.remember(revocation);
    this.logger.log({
      msg: 'key revocation taken',
      keyId: revocation.keyId,
      node: revocation.nodeId,
      signer: revocation.signerNodeId,
      revokedAt: revocation.revokedAt,
    });
    return 'taken';
  }

  private remember(revocation: KeyRevocation): void {
    const known = (this.revocations.get(revocation.keyId) ?? []).filter(
      (r) => r.signerNodeId !== revocation.signerNodeId,
    );
    this.revocations.set(revocation.keyId, [...known, revocation]);
    this.verified.clear();
  }

  /** A certificate: pinned if this node verified it before, else from the registry (unverified). */
  async lookup(keyId: string, nodeId: string): Promise<NodeCertificate | undefined> {
    return this.certificates.get(keyId) ?? this.bucket.certificate(keyId, nodeId);
  }

  /**
   * A key's verified chain, walked at most once per VERIFIED_TTL_MS and never past a
   * certificate's expiry; each certificate of a chain that verified is pinned.
   */
  async verifiedKey(keyId: string, nodeId: string): Promise<VerifiedKey> {
    const now = this.clock.now();
    const cached = this.cached(keyId, now);
    if (cached) return cached;
    const key = await this.walk(keyId, nodeId, now);
    await this.pin(key.chain);
    this.keep(key, now);
    return key;
  }

  /**
   * Walks the chains of the keys not verified yet side by side, and pins what verified in one
   * write: a batch from many new senders costs one round of registry reads and one insert,
   * not one of each per sender. A chain that does not verify is left for verifiedKey to refuse.
   */
  async warm(keys: Array<{ keyId: string; nodeId: string }>): Promise<void> {
    const now = this.clock.now();
    const due = new Map<string, string>();
    for (const { keyId, nodeId } of keys) if (!this.cached(keyId, now)) due.set(keyId, nodeId);
    if (due.size === 0) return;
    const walked = await Promise.all(
      [...due].map(([keyId, nodeId]) => this.walk(keyId, nodeId, now).catch(() => undefined)),
    );
    const good = walked.filter((key): key is VerifiedKey => key !== undefined);
    await this.pin(good.flatMap((key) => key.chain));
    for (const key of good) this.keep(key, now);
  }

  /** A key verified less than VERIFIED_TTL_MS ago (and not past its certificate's expiry). */
  private cached(keyId: string, now: Date): VerifiedKey | undefined {
    const cached = this.verified.get(keyId);
    return cached && cached.until > now.getTime() ? cached.key : undefined;
  }

  private walk(keyId: string, nodeId: string, now: Date): Promise<VerifiedKey> {
    return verifyKeyChain(
      keyId,
      nodeId,
      (id, node) => this.lookup(id, node),
      this.options.identity.rootPublicKey,
      now,
      async (id) => this.revocations.get(id) ?? [],
    ).catch((error: unknown) => {
      this.verified.delete(keyId);
      throw error;
    });
  }

  private keep(key: VerifiedKey, now: Date): void {
    this.verified.set(key.certificate.keyId, {
      key,
      until: Math.min(now.getTime() + VERIFIED_TTL_MS, Date.parse(key.certificate.notAfter)),
    });
  }

  /**
   * A node's name as its certificate gives it, verified up to the root: a pinned certificate
   * of that node, else one the registry files under it that verifies (and is then pinned).
   * Undefined when none verifies.
   */
  async certifiedName(nodeId: string): Promise<string | undefined> {
    for (const cert of this.certificates.values()) if (cert.nodeId === nodeId) return cert.name;
    for (const keyId of await this.bucket.keyIdsOf(nodeId)) {
      const key = await this.verifiedKey(keyId, nodeId).catch(() => undefined);
      if (key?.certificate.nodeId === nodeId) return key.certificate.name;
    }
    return undefined;
  }

  private async pin(chain: NodeCertificate[]): Promise<void> {
    const fresh = [
      ...new Map(
        chain.filter((cert) => !this.certificates.has(cert.keyId)).map((c) => [c.keyId, c]),
      ).values(),
    ];
    if (fresh.length === 0) return;
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(TrustedCertificate)
      .values(
        fresh.map((cert) => ({
          keyId: cert.keyId,
          nodeId: cert.nodeId,
          certificate: cert,
          firstVerifiedAt: this.clock.now(),
        })),
      )
      .orIgnore()
      .execute();
    for (const cert of fresh) this.certificates.set(cert.keyId, cert);
  }
}
