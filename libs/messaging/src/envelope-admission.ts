import { Inject, Injectable } from '@nestjs/common';
import {
  audienceIncludes,
  bodyLimitProblems,
  Envelope,
  EVENT_CATALOGUE,
  envelopeShapeProblems,
  MAX_ENVELOPE_BYTES,
  ReceiptRangeV1,
  RefusalError,
  VerifiedKey,
} from '@liandong/protocol';
import { Clock } from './clock';
import { deadLetter, Delivery } from './dead-letters';
import { DeadLetter } from './entities';
import { KeyRegistryService } from './key-registry.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { isTransient } from './transient';

export interface IncomingMessage extends Delivery {
  /** JetStream will not deliver it again: settle it now, whatever happens. */
  lastDelivery: boolean;
  /** Its publisher announced protocol 1.1 (the Liandong-Protocol header, §9.1). */
  batchForms?: boolean;
}

/** An envelope whose signature, key chain and audience hold. */
export interface Authentic {
  envelope: Envelope;
  raw: string;
  /** Null for a held envelope that no longer authenticates (it is settled as refused). */
  verified: VerifiedKey | null;
  hopFrom: string | null;
  delivery?: Delivery;
  /** Its publisher announced protocol 1.1 on this message (§9.1). */
  batchForms?: boolean;
}

export type Admitted =
  | { kind: 'refused'; letter: Partial<DeadLetter> }
  | { kind: 'transient' }
  | { kind: 'receipt' | 'control' | 'sequenced'; event: Authentic };

/**
 * The checks a message passes before any transaction (protocol.md §5.2 steps 1–5): size,
 * JSON, nesting depth and text content, shape, authenticity, audience, and whether its kind
 * and sequence number agree. Whatever fails is refused once, with the reason; only an
 * unreachable key registry is worth trying again.
 */
@Injectable()
export class EnvelopeAdmission {
  constructor(
    private readonly keys: KeyRegistryService,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /**
   * Admits a batch: the key chains of all its signers are walked first, side by side, so a
   * batch from many new senders does not wait on the registry one sender at a time.
   */
  async admitAll(messages: IncomingMessage[]): Promise<Admitted[]> {
    const keys: Array<{ keyId: string; nodeId: string }> = [];
    for (const message of messages) {
      if (message.data.byteLength > MAX_ENVELOPE_BYTES) continue;
      try {
        const { keyId, issuer } = JSON.parse(message.raw) as Record<string, unknown>;
        if (typeof keyId === 'string' && typeof issuer === 'string')
          keys.push({ keyId, nodeId: issuer });
      } catch {
        // admit refuses it, with its reason
      }
    }
    await this.keys.warm(keys).catch(() => undefined);
    const admitted: Admitted[] = [];
    for (const message of messages) admitted.push(await this.admit(message));
    return admitted;
  }

  async admit(message: IncomingMessage): Promise<Admitted> {
    const refuse = (
      kind: 'rejected' | 'dead_lettered',
      code: RefusalError['code'],
      reason: string,
      parsed?: unknown,
    ): Admitted => ({
      kind: 'refused',
      letter: deadLetter(kind, code, reason, message, this.clock.now(), parsed),
    });
    if (message.data.byteLength > MAX_ENVELOPE_BYTES)
      return refuse(
        'dead_lettered',
        'MALFORMED',
        `message is ${message.data.byteLength} bytes; the limit is ${MAX_ENVELOPE_BYTES}`,
      );
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.raw);
    } catch {
      return refuse('dead_lettered', 'MALFORMED', 'message body is not JSON');
    }
    const limits = bodyLimitProblems(message.data.byteLength, parsed);
    if (limits.length > 0) return refuse('dead_lettered', 'MALFORMED', limits.join('; '));
    const shape = envelopeShapeProblems(parsed);
    if (shape.length > 0) return refuse('dead_lettered', 'MALFORMED', shape.join('; '), parsed);
    const envelope = parsed as Envelope;
    let verified: VerifiedKey;
    try {
      verified = await this.keys.authenticate(envelope);
    } catch (error) {
      if (error instanceof RefusalError)
        // Not provably from its issuer: recorded, never applied, no receipt, no effect on sequences.
        return refuse('rejected', error.code, error.message, envelope);
      if (isTransient(error)) return { kind: 'transient' };
      return refuse(
        'dead_lettered',
        'MALFORMED',
        `could not be authenticated: ${(error as Error).message}`,
        envelope,
      );
    }
    if (!audienceIncludes(envelope.audience, this.options.identity.path)) {
      const reason = `audience ${envelope.audience} does not include node ${this.options.identity.nodeId}`;
      return refuse('rejected', 'MISADDRESSED', reason, envelope);
    }
    const event: Authentic = {
      envelope,
      raw: message.raw,
      verified,
      hopFrom: message.hopFrom,
      delivery: message,
      batchForms: message.batchForms === true,
    };
    // A node of protocol 1.0 knows no range receipts.
    const kind =
      this.options.batchForms || envelope.type !== ReceiptRangeV1.type
        ? EVENT_CATALOGUE.get(envelope.type)?.kind
        : undefined;
    if (kind === 'receipt' || kind === 'control') {
      if (envelope.seq !== 0)
        return refuse('rejected', 'MALFORMED', `${envelope.type} must carry seq 0`, envelope);
      return { kind, event };
    }
    if (envelope.seq === 0) {
      const reason = kind
        ? `${envelope.type} must carry a sequence number`
        : `${envelope.type} is not in this node's event catalogue`;
      return refuse('rejected', kind ? 'MALFORMED' : 'UNKNOWN_TYPE', reason, envelope);
    }
    return { kind: 'sequenced', event };
  }
}
