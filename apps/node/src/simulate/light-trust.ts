import type { KV } from '@nats-io/kv';
import {
  certificateRegistryKey,
  Envelope,
  NodeCertificate,
  RefusalError,
  VerifiedKey,
  verifyKeyChain,
} from '@liandong/protocol';

/**
 * Key chains as the light nodes of one process verify them: certificates read from the key
 * registry (under the node they should belong to, §2.5) and walked up to central's root
 * (§2.3). A chain once verified is shared by the nodes of the process for five minutes; each
 * node still checks every envelope's signature itself. Revocations are not looked up: the
 * simulation revokes nothing.
 */
export class LightTrust {
  private readonly chains = new Map<string, { key: Promise<VerifiedKey>; until: number }>();
  private readonly certificates = new Map<string, NodeCertificate>();

  constructor(
    private readonly registry: KV,
    private readonly rootPublicKey: string,
  ) {}

  verify(envelope: Envelope, at: Date): Promise<VerifiedKey> {
    const name = `${envelope.issuer} ${envelope.keyId}`;
    const cached = this.chains.get(name);
    if (cached && cached.until > at.getTime()) return cached.key;
    const key = verifyKeyChain(
      envelope.keyId,
      envelope.issuer,
      (keyId, nodeId) => this.certificate(keyId, nodeId),
      this.rootPublicKey,
      at,
    );
    this.chains.set(name, { key, until: at.getTime() + 5 * 60_000 });
    // A refusal is kept (it would be refused again); a registry that could not be read is not.
    key.catch((error: unknown) => {
      if (!(error instanceof RefusalError)) this.chains.delete(name);
    });
    return key;
  }

  private async certificate(keyId: string, nodeId: string): Promise<NodeCertificate | undefined> {
    const known = this.certificates.get(keyId);
    if (known) return known;
    const entry = await this.registry.get(certificateRegistryKey(nodeId, keyId));
    if (!entry || entry.operation !== 'PUT') return undefined;
    try {
      const cert = JSON.parse(entry.string()) as NodeCertificate;
      if (cert.keyId !== keyId || cert.nodeId !== nodeId) return undefined;
      this.certificates.set(keyId, cert);
      return cert;
    } catch {
      return undefined;
    }
  }
}
