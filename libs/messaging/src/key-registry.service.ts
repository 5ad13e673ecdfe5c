import { Inject, Injectable } from '@nestjs/common';
import {
  Envelope,
  envelopeSignatureValid,
  NodeCertificate,
  RefusalError,
  VerifiedKey,
  verifyKeyChain,
} from '@liandong/protocol';
import { Clock } from './clock';
import { JetStreamService } from './jetstream.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

/**
 * The certified key registry: node certificates in a JetStream key-value bucket, keyed
 * by key id. Anyone may write to it; nothing written there is trusted until its chain
 * verifies up to the configured central root key.
 */
/** How long a verified key chain is trusted before it is walked again. */
const VERIFIED_TTL_MS = 5 * 60_000;

@Injectable()
export class KeyRegistryService {
  private readonly certificates = new Map<string, NodeCertificate>();
  private readonly verified = new Map<string, { key: VerifiedKey; until: number }>();

  constructor(
    private readonly jetstream: JetStreamService,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async publish(certificates: NodeCertificate[]): Promise<void> {
    for (const cert of certificates) {
      await this.jetstream.keys.put(cert.keyId, JSON.stringify(cert));
    }
  }

  async lookup(keyId: string): Promise<NodeCertificate | undefined> {
    const cached = this.certificates.get(keyId);
    if (cached) return cached;
    const entry = await this.jetstream.keys.get(keyId);
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
