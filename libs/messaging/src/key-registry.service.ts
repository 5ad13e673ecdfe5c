import { Inject, Injectable } from '@nestjs/common';
import {
  Body,
  BodyKeyCertificate,
  bodyKeyRegistryKey,
  bodyKeySignatureValid,
  Envelope,
  envelopeSignatureValid,
  KeyRevocation,
  LiveQuery,
  liveQuerySignatureValid,
  NodeCertificate,
  REVOCATION_GRACE_MS,
  RefusalError,
  VerifiedKey,
} from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { Clock } from './clock';
import { KeyRegistryBucket } from './key-registry-bucket.service';
import { TrustStore } from './trust-store.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

/**
 * The node's trust in keys (protocol.md §2). Certificates are published in a JetStream
 * key-value bucket, each under its own node (KeyRegistryBucket), and nothing there is trusted
 * until it verifies up to the configured central root. What verified is kept in this node's
 * database (TrustStore): a certificate once verified is pinned (the bucket cannot later swap
 * it), and every revocation signed by a certified node is kept for good — a wiped or
 * rewritten bucket cannot make this node forget a revocation. Revocations also arrive as
 * events (key.revoked.v1). Here envelopes, live queries and receiving-body keys are checked.
 */
@Injectable()
export class KeyRegistryService {
  constructor(
    private readonly trust: TrustStore,
    private readonly bucket: KeyRegistryBucket,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /**
   * Loads what this node trusted before, and pins its own chain (from its identity file, so
   * its ancestors' keys are known whatever the registry holds). At start.
   */
  load(): Promise<void> {
    return this.trust.load();
  }

  /** Publishes this node's own certificate and its receiving bodies' keys (at start, and after the registry was lost). */
  publishOwn(): Promise<void> {
    return this.bucket.publishOwn();
  }

  /** Publishes this node's certificate again if the registry lost it (evicted, or deleted by this node's user). */
  ensureOwnPublished(): Promise<void> {
    return this.bucket.ensureOwnPublished();
  }

  /** A receiving body's public key, verified: certified by a current, unrevoked key of its own node. */
  async bodyKey(nodeId: string, body: Body): Promise<{ keyId: string; publicKey: string }> {
    const entry = await this.bucket.get(bodyKeyRegistryKey(nodeId, body));
    if (!entry) {
      throw new RefusalError(
        'UNKNOWN_KEY',
        `node ${nodeId} has published no key for its ${body} body`,
      );
    }
    const cert = JSON.parse(entry.value) as BodyKeyCertificate;
    const signer = await this.trust.verifiedKey(cert.signerKeyId, nodeId);
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
  publishRevocation(revocation: KeyRevocation): Promise<void> {
    return this.bucket.publishRevocation(revocation);
  }

  /** Every revocation this node holds, whoever signed it. */
  allRevocations(): KeyRevocation[] {
    return this.trust.allRevocations();
  }

  revocationKnown(keyId: string): boolean {
    return this.trust.revocationKnown(keyId);
  }

  /**
   * Takes a revocation if it is signed by a certified node and verifies, and keeps it in this
   * node's database (in `manager`'s transaction when given). Whether it counts against a key
   * is decided when that key is checked (only the parent's does).
   */
  accept(
    revocation: KeyRevocation,
    manager?: EntityManager,
  ): Promise<'taken' | 'known' | 'invalid'> {
    return this.trust.accept(revocation, manager);
  }

  /**
   * Looks for revocations in the registry this node has not looked at yet and hands each to
   * `take`. Returns those it took.
   */
  pollRevocations(take: (revocation: KeyRevocation) => Promise<boolean>): Promise<KeyRevocation[]> {
    return this.bucket.pollRevocations(take);
  }

  /** A node's certified name (verified up to the root), for a node off this node's line. */
  /** Verifies the chains of many keys at once, ahead of authenticating their envelopes. */
  warm(keys: Array<{ keyId: string; nodeId: string }>): Promise<void> {
    return this.trust.warm(keys);
  }

  certifiedName(nodeId: string): Promise<string | undefined> {
    return this.trust.certifiedName(nodeId);
  }

  /** A certificate: pinned if this node verified it before, else from the registry (unverified). */
  lookup(keyId: string, nodeId: string): Promise<NodeCertificate | undefined> {
    return this.trust.lookup(keyId, nodeId);
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
    const verified = await this.trust.verifiedKey(envelope.keyId, envelope.issuer);
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
    if (
      !envelopeSignatureValid(envelope, verified.certificate.publicKey, this.options.batchForms)
    ) {
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
    const verified = await this.trust.verifiedKey(query.keyId, query.asker);
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
}
