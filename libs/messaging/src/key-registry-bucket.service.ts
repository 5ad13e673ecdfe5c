import { Inject, Injectable } from '@nestjs/common';
import {
  Body,
  bodyKeyRegistryKey,
  BoxKeyPair,
  certificateRegistryKey,
  certifyBodyKey,
  KeyRevocation,
  NodeCertificate,
  revocationRegistryKey,
} from '@liandong/protocol';
import { Clock } from './clock';
import { JetStreamService } from './jetstream.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { TransientError } from './transient';

/**
 * The key registry on the broker (protocol.md §2): a JetStream key-value bucket where each
 * node publishes its certificate, its receiving bodies' keys and the revocations it signs,
 * each under its own node. Nothing read here is trusted as it stands: the trust store
 * verifies it up to the root first.
 */
@Injectable()
export class KeyRegistryBucket {
  /** Registry entries already looked at, by key and revision. */
  private readonly seenEntries = new Map<string, number>();

  constructor(
    private readonly jetstream: JetStreamService,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

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
    if (!(await this.get(certificateRegistryKey(own.nodeId, own.keyId)))) await this.publishOwn();
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

  /** Publishes a revocation this node signed, under its own name in the registry. */
  async publishRevocation(revocation: KeyRevocation): Promise<void> {
    await this.jetstream.keys.put(
      revocationRegistryKey(revocation.signerNodeId, revocation.keyId),
      JSON.stringify(revocation),
    );
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
    const info = await this.jetstream.keysJsm.streams.info(status.streamInfo.config.name, {
      subjects_filter: `${prefix}revoked.>`,
    });
    const taken: KeyRevocation[] = [];
    for (const subject of Object.keys(info.state.subjects ?? {})) {
      const key = subject.slice(prefix.length);
      const entry = await this.get(key);
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

  /** A key's certificate as the registry files it (unverified). */
  async certificate(keyId: string, nodeId: string): Promise<NodeCertificate | undefined> {
    // Filed under the node it should belong to; failing that, under whichever node holds it
    // (so a key used in another node's name is named as such: KEY_NOT_ISSUER).
    const owner = (await this.get(certificateRegistryKey(nodeId, keyId)))
      ? nodeId
      : await this.ownerOf(keyId);
    const entry = owner ? await this.get(certificateRegistryKey(owner, keyId)) : undefined;
    if (!entry) return undefined;
    try {
      const cert = JSON.parse(entry.value) as NodeCertificate;
      // Filed under another node or key than it names: not a certificate of this key.
      return cert.keyId === keyId && cert.nodeId === owner ? cert : undefined;
    } catch {
      return undefined;
    }
  }

  /** The key ids of the certificates the registry files under a node (unverified). */
  async keyIdsOf(nodeId: string): Promise<string[]> {
    const status = await this.jetstream.keys.status();
    const prefix = `$KV.${status.bucket}.cert.${nodeId}.`;
    const info = await this.jetstream.jsm.streams
      .info(status.streamInfo.config.name, { subjects_filter: `${prefix}*` })
      .catch((error: unknown) => {
        throw new TransientError(`the key registry did not answer: ${(error as Error).message}`, {
          cause: error,
        });
      });
    return Object.keys(info.state.subjects ?? {}).map((subject) => subject.slice(prefix.length));
  }

  /** The node under which the registry files a key id's certificate, if any. */
  private async ownerOf(keyId: string): Promise<string | undefined> {
    const status = await this.jetstream.keys.status();
    const prefix = `$KV.${status.bucket}.cert.`;
    const info = await this.jetstream.keysJsm.streams.info(status.streamInfo.config.name, {
      subjects_filter: `${prefix}*.${keyId}`,
    });
    const [subject] = Object.keys(info.state.subjects ?? {});
    return subject?.slice(prefix.length, prefix.length + 6);
  }

  /** An entry's value, if the registry holds one under `key` (deleted or empty ones are none). */
  async get(key: string): Promise<{ value: string; revision: number } | undefined> {
    const entry = await this.jetstream.keys.get(key).catch((error: unknown) => {
      throw new TransientError(`the key registry did not answer: ${(error as Error).message}`, {
        cause: error,
      });
    });
    if (!entry || entry.operation !== 'PUT' || entry.length === 0) return undefined;
    return { value: entry.string(), revision: entry.revision };
  }
}
