import type { JsMsg } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import type { NodeIdentity } from '@liandong/messaging';
import {
  audienceIncludes,
  bodyLimitProblems,
  certificateRegistryKey,
  Envelope,
  envelopeShapeProblems,
  envelopeSignatureValid,
  NodeCertificate,
  RefusalError,
  VerifiedKey,
  verifyKeyChain,
} from '@liandong/protocol';

export interface Admitted {
  envelope: Envelope;
  verified: VerifiedKey;
}

export interface Refusal {
  code: string;
  reason: string;
  eventId: string | null;
}

const refused = (code: string, reason: string, eventId: string | null = null) => ({
  refused: { code, reason, eventId },
});

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

  /**
   * §5.2 steps 1–4 for one node: limits, JSON, shape, key chain, the envelope's own signature
   * (single form: light nodes speak protocol 1.0), audience. `transient`: the registry could
   * not be read; the message is delivered again.
   */
  async admit(
    message: JsMsg,
    node: NodeIdentity,
    now: Date,
  ): Promise<Admitted | { refused: Refusal } | 'transient'> {
    let envelope: Envelope;
    try {
      const parsed: unknown = JSON.parse(message.string());
      const problems = [
        ...bodyLimitProblems(message.data.byteLength, parsed),
        ...envelopeShapeProblems(parsed),
      ];
      if (problems.length > 0) return refused('MALFORMED', problems.join('; '));
      envelope = parsed as Envelope;
    } catch {
      return refused('MALFORMED', 'message body is not JSON');
    }
    let verified: VerifiedKey;
    try {
      verified = await this.verify(envelope, now);
    } catch (error) {
      if (error instanceof RefusalError) return refused(error.code, error.message, envelope.id);
      return 'transient';
    }
    if (!envelopeSignatureValid(envelope, verified.certificate.publicKey, false))
      return refused('BAD_SIGNATURE', 'the signature does not verify', envelope.id);
    if (!audienceIncludes(envelope.audience, node.path))
      return refused(
        'MISADDRESSED',
        `audience ${envelope.audience} does not include ${node.nodeId}`,
        envelope.id,
      );
    return { envelope, verified };
  }

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
