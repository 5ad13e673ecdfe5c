import { Inject, Injectable } from '@nestjs/common';
import {
  Audience,
  buildEnvelope,
  Envelope,
  EVENT_CATALOGUE,
  nodeAudience,
  parseAudience,
  payloadProblems,
  ReceiptV1,
  signEnvelope,
} from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { Clock } from './clock';
import { FederationNode, OutboxEntry, OutboxKind } from './entities';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

export const OUTBOX_CHANNEL = 'ld_outbox';

export interface OutgoingEvent<P extends object> {
  type: string;
  audience: Audience;
  payload: P;
  correlationId?: string;
  causationId?: string | null;
}

/**
 * Puts signed envelopes in the outbox, inside the caller's transaction: an event exists
 * for the federation exactly when the business change that caused it commits.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async emit<P extends object>(manager: EntityManager, event: OutgoingEvent<P>): Promise<Envelope<P>> {
    const definition = EVENT_CATALOGUE.get(event.type);
    if (!definition) throw new Error(`${event.type} is not in the event catalogue`);
    const problems = payloadProblems(event.type, event.payload);
    if (problems.length > 0) throw new Error(`invalid ${event.type} payload: ${problems.join('; ')}`);
    const { identity } = this.options;
    const seq = definition.sequenced ? await this.nextSequence(manager, event.audience) : 0;
    const envelope = signEnvelope(
      buildEnvelope({
        type: event.type,
        issuer: identity.nodeId,
        keyId: identity.key.keyId,
        audience: event.audience,
        seq,
        payload: event.payload,
        issuedAt: this.clock.now(),
        ttlMs: this.options.envelopeTtlMs,
        correlationId: event.correlationId,
        causationId: event.causationId,
      }),
      identity.key.privateKey,
    );
    const targets = await this.targetsOf(manager, event.audience);
    await this.enqueue(manager, envelope, JSON.stringify(envelope), targets, definition.sequenced ? 'event' : 'receipt');
    return envelope;
  }

  /** Passes an envelope addressed to a subtree on, unchanged, to this node's children. */
  async forwardToChildren(manager: EntityManager, envelope: Envelope, raw: string): Promise<number> {
    const children = await this.childrenOf(manager, this.options.identity.nodeId);
    await this.enqueue(manager, envelope, raw, children, 'event');
    return children.length;
  }

  async emitReceipt(manager: EntityManager, to: string[], receipt: ReceiptV1, causationId: string, correlationId: string): Promise<void> {
    for (const target of new Set(to)) {
      if (target === this.options.identity.nodeId) continue;
      await this.emit(manager, { type: ReceiptV1.type, audience: nodeAudience(target), payload: receipt, causationId, correlationId });
    }
  }

  async childrenOf(manager: EntityManager, nodeId: string): Promise<string[]> {
    const rows = await manager.find(FederationNode, { where: { parentId: nodeId }, order: { nodeId: 'ASC' } });
    return rows.map((row) => row.nodeId);
  }

  private async targetsOf(manager: EntityManager, audience: Audience): Promise<string[]> {
    const parsed = parseAudience(audience);
    if (!parsed) throw new Error(`bad audience ${audience}`);
    if (parsed.scope === 'node') return [parsed.nodeId];
    if (parsed.nodeId !== this.options.identity.nodeId) {
      throw new Error('a node addresses only its own subtree; deeper subtrees are reached by forwarding');
    }
    return this.childrenOf(manager, parsed.nodeId);
  }

  private async enqueue(manager: EntityManager, envelope: Envelope, raw: string, targets: string[], kind: OutboxKind): Promise<void> {
    if (targets.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(OutboxEntry)
      .values(
        targets.map((targetNode) => ({
          eventId: envelope.id,
          eventType: envelope.type,
          targetNode,
          kind,
          envelope: raw,
          status: 'pending' as const,
        })),
      )
      .orIgnore()
      .execute();
    // Delivered to the relay's LISTEN only when this transaction commits.
    await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
  }

  private async nextSequence(manager: EntityManager, audience: string): Promise<number> {
    // The row lock taken here is held to commit, so sequence order is commit order.
    const rows: Array<{ last_seq: string }> = await manager.query(
      `INSERT INTO sequence_counter (audience, last_seq) VALUES ($1, 1)
       ON CONFLICT (audience) DO UPDATE SET last_seq = sequence_counter.last_seq + 1
       RETURNING last_seq`,
      [audience],
    );
    return Number(rows[0].last_seq);
  }
}
