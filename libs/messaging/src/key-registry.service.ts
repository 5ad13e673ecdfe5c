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
@Injectable()
export class KeyRegistryService {
  private readonly certificates = new Map<string, NodeCertificate>();

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
    const verified = await verifyKeyChain(
      envelope.keyId,
      (keyId) => this.lookup(keyId),
      this.options.identity.rootPublicKey,
      this.clock.now(),
    ).catch((error: unknown) => {
      // A certificate that fails verification must not stay cached.
      this.certificates.delete(envelope.keyId);
      throw error;
    });
    if (verified.certificate.nodeId !== envelope.issuer) {
      throw new RefusalError(
        'KEY_NOT_ISSUER',
        `key ${envelope.keyId} belongs to node ${verified.certificate.nodeId}, not to issuer ${envelope.issuer}`,
      );
    }
    if (!envelopeSignatureValid(envelope, verified.certificate.publicKey)) {
      throw new RefusalError('BAD_SIGNATURE', `signature does not verify with the key of ${envelope.issuer}`);
    }
    return verified;
  }
}
