import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  Body,
  BodyKeyCertificate,
  bodyKeyRegistryKey,
  bodyKeySignatureValid,
  BoxKeyPair,
  certificateRegistryKey,
  certifyBodyKey,
  Envelope,
  envelopeSignatureValid,
  KeyRevocation,
  LiveQuery,
  liveQuerySignatureValid,
  NodeCertificate,
  REVOCATION_GRACE_MS,
  RefusalError,
  revocationRegistryKey,
  revocationSignatureValid,
  VerifiedKey,
  verifyKeyChain,
} from '@liandong/protocol';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from './clock';
import { KeyRevocationRecord, TrustedCertificate } from './entities';
import { JetStreamService } from './jetstream.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { TransientError } from './transient';

/** How long a verified key chain is trusted before it is walked again. */
const VERIFIED_TTL_MS = 5 * 60_000;

/**
 * The node's trust in keys (protocol.md §2). Certificates are published in a JetStream
 * key-value bucket, each under its own node, and nothing there is trusted until it verifies
 * up to the configured central root. What verified is kept in this node's database: a
 * certificate once verified is pinned (the bucket cannot later swap it), and every
 * revocation signed by a certified node is kept for good — a wiped or rewritten bucket cannot
 * make this node forget a revocation. Revocations also arrive as events (key.revoked.v1).
 */
@Injectable()
export class KeyRegistryService {
  private readonly logger = new Logger(KeyRegistryService.name);
  /** Pinned: every certificate this node has verified. */
  private readonly certificates = new Map<string, NodeCertificate>();
  private readonly verified = new Map<string, { key: VerifiedKey; until: number }>();
  /** Revocations by revoked key id, whoever signed them (the parent's are the ones that count). */
  private readonly revocations = new Map<string, KeyRevocation[]>();
  /** Registry entries already looked at, by key and revision. */
  private readonly seenEntries = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly jetstream: JetStreamService,
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

  /** Publishes this node's own certificate and its receiving bodies' keys (at start, and after the registry was lost). */
  async publishOwn(): Promise<void> {
    const own = this.options.identity.chain[0];
    await this.jetstream.keys.put(
      certificateRegistryKey(own.nodeId, own.keyId),
      JSON.stringify(own),
    );
    await this.publishBodyKeys();
  }

  /** Publishes this node's certificate again if the registry lost it (evicted, or deleted by this node's user). */
  async ensureOwnPublished(): Promise<void> {
    const own = this.options.identity.chain[0];
    if (!(await this.registryGet(certificateRegistryKey(own.nodeId, own.keyId))))
      await this.publishOwn();
  }

  /** Certifies this node's receiving-body keys with its signing key and publishes them. */
  private async publishBodyKeys(): Promise<void> {
    const { identity } = this.options;
    const now = this.clock.now();
    const validity = {
      notBefore: new Date(now.getTime() - 3600_000).toISOString(),
      notAfter: identity.chain[0].notAfter,
    };
    for (const [body, pair] of Object.entries(identity.bodies) as Array<[Body, BoxKeyPair]>) {
      const cert = certifyBodyKey(
        { nodeId: identity.nodeId, body, publicKey: pair.publicKey, ...validity },
        identity.key,
      );
      await this.jetstream.keys.put(
        bodyKeyRegistryKey(identity.nodeId, body),
        JSON.stringify(cert),
      );
    }
  }

  /** A receiving body's public key, verified: certified by a current, unrevoked key of its own node. */
  async bodyKey(nodeId: string, body: Body): Promise<{ keyId: string; publicKey: string }> {
    const entry = await this.registryGet(bodyKeyRegistryKey(nodeId, body));
    if (!entry) {
      throw new RefusalError(
        'UNKNOWN_KEY',
        `node ${nodeId} has published no key for its ${body} body`,
      );
    }
    const cert = JSON.parse(entry.value) as BodyKeyCertificate;
    const signer = await this.verifiedKey(cert.signerKeyId, nodeId);
    const now = this.clock.now().getTime();
    if (
      cert.nodeId !== nodeId ||
      cert.body !== body ||
      signer.certificate.nodeId !== nodeId ||
      signer.revokedAt !== null ||
      Date.parse(cert.notBefore) > now ||
      Date.parse(cert.notAfter) < now ||
      !bodyKeySignatureValid(cert, signer.certificate.publicKey)
    ) {
      throw new RefusalError(
        'UNTRUSTED_KEY',
        `the ${body} key published for ${nodeId} does not verify`,
      );
    }
    return { keyId: cert.keyId, publicKey: cert.publicKey };
  }

  /** Publishes a revocation this node signed, under its own name in the registry. */
  async publishRevocation(revocation: KeyRevocation): Promise<void> {
    await this.jetstream.keys.put(
      revocationRegistryKey(revocation.signerNodeId, revocation.keyId),
      JSON.stringify(revocation),
    );
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

  /**
   * Looks for revocations in the registry this node has not looked at yet (listing the
   * registry's subjects, so no consumer is needed) and hands each to `take`. Returns those
   * it took.
   */
  async pollRevocations(
    take: (revocation: KeyRevocation) => Promise<boolean>,
  ): Promise<KeyRevocation[]> {
    const bucket = this.jetstream.keys;
    const status = await bucket.status();
    const prefix = `$KV.${status.bucket}.`;
    const info = await this.jetstream.jsm.streams.info(status.streamInfo.config.name, {
      subjects_filter: `${prefix}revoked.>`,
    });
    const taken: KeyRevocation[] = [];
    for (const subject of Object.keys(info.state.subjects ?? {})) {
      const key = subject.slice(prefix.length);
      const entry = await this.registryGet(key);
      if (!entry || this.seenEntries.get(key) === entry.revision) continue;
      this.seenEntries.set(key, entry.revision);
      try {
        const revocation = JSON.parse(entry.value) as KeyRevocation;
        if (revocationRegistryKey(revocation.signerNodeId, revocation.keyId) !== key) continue;
        if (await take(revocation)) taken.push(revocation);
      } catch (error) {
        if (error instanceof TransientError) throw error;
        // not a revocation: ignored, like anything in the registry that does not verify
      }
    }
    return taken;
  }

  /** A certificate: pinned if this node verified it before, else from the registry (unverified). */
  async lookup(keyId: string, nodeId: string): Promise<NodeCertificate | undefined> {
    const pinned = this.certificates.get(keyId);
    if (pinned) return pinned;
    // Filed under the node it should belong to; failing that, under whichever node holds it
    // (so a key used in another node's name is named as such: KEY_NOT_ISSUER).
    const owner = (await this.registryGet(certificateRegistryKey(nodeId, keyId)))
      ? nodeId
      : await this.ownerOf(keyId);
    const entry = owner ? await this.registryGet(certificateRegistryKey(owner, keyId)) : undefined;
    if (!entry) return undefined;
    try {
      const cert = JSON.parse(entry.value) as NodeCertificate;
      // Filed under another node or key than it names: not a certificate of this key.
      return cert.keyId === keyId && cert.nodeId === owner ? cert : undefined;
    } catch {
      return undefined;
    }
  }

  /** The node under which the registry files a key id's certificate, if any. */
  private async ownerOf(keyId: string): Promise<string | undefined> {
    const status = await this.jetstream.keys.status();
    const prefix = `$KV.${status.bucket}.cert.`;
    const info = await this.jetstream.jsm.streams.info(status.streamInfo.config.name, {
      subjects_filter: `${prefix}*.${keyId}`,
    });
    const [subject] = Object.keys(info.state.subjects ?? {});
    return subject?.slice(prefix.length, prefix.length + 6);
  }

  private async registryGet(key: string): Promise<{ value: string; revision: number } | undefined> {
    const entry = await this.jetstream.keys.get(key).catch((error: unknown) => {
      throw new TransientError(`the key registry did not answer: ${(error as Error).message}`, {
        cause: error,
      });
    });
    if (!entry || entry.operation !== 'PUT' || entry.length === 0) return undefined;
    return { value: entry.string(), revision: entry.revision };
  }

  /**
   * Authenticates an envelope: its key chains to the root, the key belongs to the issuer,
   * it is not revoked for this envelope, and the signature holds. A revoked key's envelope
   * claiming a signing time before the revocation is taken only if this node first saw it
   * within REVOCATION_GRACE_MS after the revocation: a key thief can claim any signing time.
   * Throws a RefusalError saying which check failed.
   */
  async authenticate(
    envelope: Envelope,
    firstSeenAt: Date = this.clock.now(),
  ): Promise<VerifiedKey> {
    const verified = await this.verifiedKey(envelope.keyId, envelope.issuer);
    if (verified.revokedAt) {
      const revokedAt = Date.parse(verified.revokedAt);
      if (Date.parse(envelope.issuedAt) >= revokedAt)
        throw new RefusalError(
          'REVOKED_KEY',
          `key ${envelope.keyId} of ${verified.certificate.nodeId} was revoked at ${verified.revokedAt}; this envelope was signed after that`,
        );
      if (firstSeenAt.getTime() > revokedAt + REVOCATION_GRACE_MS)
        throw new RefusalError(
          'REVOKED_KEY',
          `key ${envelope.keyId} of ${verified.certificate.nodeId} was revoked at ${verified.revokedAt}; this envelope claims an earlier signing time but arrived more than ${REVOCATION_GRACE_MS / 60_000} minutes after the revocation`,
        );
    }
    if (verified.certificate.nodeId !== envelope.issuer) {
      throw new RefusalError(
        'KEY_NOT_ISSUER',
        `key ${envelope.keyId} belongs to node ${verified.certificate.nodeId}, not to issuer ${envelope.issuer}`,
      );
    }
    if (!envelopeSignatureValid(envelope, verified.certificate.publicKey)) {
      throw new RefusalError(
        'BAD_SIGNATURE',
        `signature does not verify with the key of ${envelope.issuer}`,
      );
    }
    return verified;
  }

  /**
   * Checks a signed live query (protocol.md §10): the asker's key verifies to the root,
   * belongs to the asker and is not revoked, and the signature holds. Returns the asker's
   * certified path.
   */
  async authenticateQuery(query: LiveQuery): Promise<VerifiedKey> {
    const verified = await this.verifiedKey(query.keyId, query.asker);
    if (verified.certificate.nodeId !== query.asker)
      throw new RefusalError('KEY_NOT_ISSUER', `key ${query.keyId} is not ${query.asker}'s`);
    if (verified.revokedAt)
      throw new RefusalError('REVOKED_KEY', `key ${query.keyId} of ${query.asker} is revoked`);
    if (!liveQuerySignatureValid(query, verified.certificate.publicKey))
      throw new RefusalError(
        'BAD_SIGNATURE',
        `the query does not verify with ${query.asker}'s key`,
      );
    return verified;
  }

  /**
   * A key's verified chain, walked at most once per VERIFIED_TTL_MS and never past a
   * certificate's expiry; each certificate of a chain that verified is pinned.
   */
  private async verifiedKey(keyId: string, nodeId: string): Promise<VerifiedKey> {
    const now = this.clock.now();
    const cached = this.verified.get(keyId);
    if (cached && cached.until > now.getTime()) return cached.key;
    const key = await verifyKeyChain(
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
    await this.pin(key.chain);
    this.verified.set(keyId, {
      key,
      until: Math.min(now.getTime() + VERIFIED_TTL_MS, Date.parse(key.certificate.notAfter)),
    });
    return key;
  }

  private async pin(chain: NodeCertificate[]): Promise<void> {
    const fresh = chain.filter((cert) => !this.certificates.has(cert.keyId));
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
