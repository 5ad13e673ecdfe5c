import { Inject, Injectable, Logger } from '@nestjs/common';
import { KvWatchInclude } from '@nats-io/kv';
import {
  Body,
  BodyKeyCertificate,
  bodyKeyRegistryKey,
  bodyKeySignatureValid,
  BoxKeyPair,
  certifyBodyKey,
  Envelope,
  envelopeSignatureValid,
  KeyRevocation,
  NodeCertificate,
  RefusalError,
  revocationRegistryKey,
  VerifiedKey,
  verifyKeyChain,
} from '@liandong/protocol';
import { Clock } from './clock';
import { JetStreamService } from './jetstream.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { TransientError } from './transient';

/** How long a verified key chain is trusted before it is walked again. */
const VERIFIED_TTL_MS = 5 * 60_000;

/**
 * The certified key registry: node certificates in a JetStream key-value bucket, keyed
 * by key id, and key revocations under `revoked.<key id>`. Anyone may write to it;
 * nothing written there is trusted until it verifies up to the configured central root.
 */
@Injectable()
export class KeyRegistryService {
  private readonly certificates = new Map<string, NodeCertificate>();
  private readonly verified = new Map<string, { key: VerifiedKey; until: number }>();
  private readonly logger = new Logger(KeyRegistryService.name);
  private readonly revocations = new Map<string, KeyRevocation>();

  constructor(
    private readonly jetstream: JetStreamService,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /** Publishes this node's certificate chain and its receiving bodies' keys (at start, and after the registry was lost). */
  async publishOwn(): Promise<void> {
    await this.publish(this.options.identity.chain);
    await this.publishBodyKeys();
  }

  async publish(certificates: NodeCertificate[]): Promise<void> {
    for (const cert of certificates) {
      await this.jetstream.keys.put(cert.keyId, JSON.stringify(cert));
    }
  }

  /** Certifies this node's receiving-body keys with its signing key and publishes them. */
  async publishBodyKeys(): Promise<void> {
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
    const entry = await this.jetstream.keys.get(bodyKeyRegistryKey(nodeId, body));
    if (!entry || entry.operation !== 'PUT' || entry.length === 0) {
      throw new RefusalError(
        'UNKNOWN_KEY',
        `node ${nodeId} has published no key for its ${body} body`,
      );
    }
    const cert = entry.json<BodyKeyCertificate>();
    const signer = await this.verifiedKey(cert.signerKeyId);
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

  /** Publishes a revocation; every node's watcher drops its verified keys at once. */
  async publishRevocation(revocation: KeyRevocation): Promise<void> {
    await this.jetstream.keys.put(
      revocationRegistryKey(revocation.keyId),
      JSON.stringify(revocation),
    );
  }

  /** A revocation known to this node (loaded at start, then kept current by the watcher). */
  async lookupRevocation(keyId: string): Promise<KeyRevocation | undefined> {
    return this.revocations.get(keyId);
  }

  revocationKnown(keyId: string): boolean {
    return this.revocations.has(keyId);
  }

  /**
   * Loads every published revocation, then watches for new ones; each one makes this
   * node forget its verified chains, so a revocation applies as soon as it arrives.
   */
  async watchRevocations(): Promise<void> {
    const keys = await this.jetstream.keys.keys('revoked.>');
    for await (const key of keys) await this.loadRevocation(key);
    const watcher = await this.jetstream.keys.watch({
      key: 'revoked.>',
      include: KvWatchInclude.UpdatesOnly,
    });
    void (async () => {
      for await (const entry of watcher) {
        await this.loadRevocation(entry.key);
        this.logger.log({ msg: 'key revocation published', key: entry.key });
      }
    })();
  }

  private async loadRevocation(registryKey: string): Promise<void> {
    const entry = await this.jetstream.keys.get(registryKey);
    if (!entry || entry.operation !== 'PUT' || entry.length === 0) return;
    try {
      const revocation = entry.json<KeyRevocation>();
      if (revocationRegistryKey(revocation.keyId) !== registryKey) return;
      this.revocations.set(revocation.keyId, revocation);
      this.verified.clear();
    } catch {
      // not JSON: ignored, like anything in the registry that does not verify
    }
  }

  async lookup(keyId: string): Promise<NodeCertificate | undefined> {
    const cached = this.certificates.get(keyId);
    if (cached) return cached;
    const entry = await this.jetstream.keys.get(keyId).catch((error: unknown) => {
      throw new TransientError(`the key registry did not answer: ${(error as Error).message}`, {
        cause: error,
      });
    });
    if (!entry || entry.operation !== 'PUT' || entry.length === 0) return undefined;
    try {
      const cert = entry.json<NodeCertificate>();
      this.certificates.set(keyId, cert);
      return cert;
    } catch {
      return undefined;
    }
  }

  /**
   * Authenticates an envelope: its key chains to the root, the key belongs to the
   * issuer, and the signature holds. Throws a RefusalError saying which check failed.
   */
  async authenticate(envelope: Envelope): Promise<VerifiedKey> {
    const verified = await this.verifiedKey(envelope.keyId);
    if (verified.revokedAt && Date.parse(envelope.issuedAt) >= Date.parse(verified.revokedAt)) {
      throw new RefusalError(
        'REVOKED_KEY',
        `key ${envelope.keyId} of ${verified.certificate.nodeId} was revoked at ${verified.revokedAt}; this envelope was signed after that`,
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

  /** A key's verified chain, walked at most once per VERIFIED_TTL_MS and never past a certificate's expiry. */
  private async verifiedKey(keyId: string): Promise<VerifiedKey> {
    const now = this.clock.now();
    const cached = this.verified.get(keyId);
    if (cached && cached.until > now.getTime()) return cached.key;
    const key = await verifyKeyChain(
      keyId,
      (id) => this.lookup(id),
      this.options.identity.rootPublicKey,
      now,
      (id) => this.lookupRevocation(id),
    ).catch((error: unknown) => {
      // A certificate that fails verification must not stay cached.
      this.certificates.delete(keyId);
      this.verified.delete(keyId);
      throw error;
    });
    this.verified.set(keyId, {
      key,
      until: Math.min(now.getTime() + VERIFIED_TTL_MS, Date.parse(key.certificate.notAfter)),
    });
    return key;
  }
}
