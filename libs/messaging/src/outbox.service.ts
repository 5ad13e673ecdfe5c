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

/** One row to put in the outbox: an envelope (as sent on the wire) for one target node. */
export interface OutboxRow {
  eventId: string;
  eventType: string;
  targetNode: string;
  kind: OutboxKind;
  envelope: string;
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

  async emit<P extends object>(
    manager: EntityManager,
    event: OutgoingEvent<P>,
  ): Promise<Envelope<P>> {
    const [envelope] = await this.emitMany(manager, [event]);
    return envelope;
  }

  /**
   * Emits several events in one go: sequences are reserved per audience in one statement
   * each, and all rows go in with one insert. Envelopes come back in the given order.
   */
  async emitMany<P extends object>(
    manager: EntityManager,
    events: OutgoingEvent<P>[],
  ): Promise<Envelope<P>[]> {
    const sequenced = events.map((event) => {
      const definition = EVENT_CATALOGUE.get(event.type);
      if (!definition) throw new Error(`${event.type} is not in the event catalogue`);
      return definition.sequenced;
    });
    const wanted = new Map<string, number>();
    events.forEach((event, i) => {
      if (sequenced[i]) wanted.set(event.audience, (wanted.get(event.audience) ?? 0) + 1);
    });
    const next = new Map<string, number>();
    for (const [audience, count] of wanted)
      next.set(audience, (await this.reserveSequences(manager, audience, count)) - count + 1);
    const targets = new Map<string, string[]>();
    for (const audience of new Set(events.map((e) => e.audience)))
      targets.set(audience, await this.targetsOf(manager, audience));
    const rows: OutboxRow[] = [];
    const envelopes = events.map((event, i) => {
      let seq = 0;
      if (sequenced[i]) {
        seq = next.get(event.audience) as number;
        next.set(event.audience, seq + 1);
      }
      const envelope = this.sign(event, seq);
      rows.push(
        ...this.rowsFor(
          envelope,
          JSON.stringify(envelope),
          targets.get(event.audience) ?? [],
          sequenced[i] ? 'event' : 'receipt',
        ),
      );
      return envelope;
    });
    await this.insert(manager, rows);
    return envelopes;
  }

  /**
   * Emits an event whose payload is computed only once this audience's sequence counter is
   * locked: of two transactions reporting figures to the same node, the later sequence
   * always carries figures that include the earlier one's changes (it waits for the lock,
   * and under READ COMMITTED its queries then see the other's commit).
   */
  async emitComputed<P extends object>(
    manager: EntityManager,
    event: Omit<OutgoingEvent<P>, 'payload'>,
    build: () => Promise<P>,
  ): Promise<Envelope<P>> {
    await manager.query(
      `INSERT INTO sequence_counter (audience, last_seq) VALUES ($1, 0)
       ON CONFLICT (audience) DO UPDATE SET last_seq = sequence_counter.last_seq`,
      [event.audience],
    );
    return this.emit(manager, { ...event, payload: await build() });
  }

  /** Signed receipts for an envelope, one per node to tell (never to this node itself). */
  receiptRows(
    to: string[],
    receipt: ReceiptV1,
    causationId: string,
    correlationId: string,
  ): OutboxRow[] {
    return [...new Set(to)]
      .filter((target) => target !== this.options.identity.nodeId)
      .flatMap((target) => {
        const envelope = this.sign(
          {
            type: ReceiptV1.type,
            audience: nodeAudience(target),
            payload: receipt,
            causationId,
            correlationId,
          },
          0,
        );
        return this.rowsFor(envelope, JSON.stringify(envelope), [target], 'receipt');
      });
  }

  /** Rows that pass an envelope addressed to a subtree on, unchanged, to this node's children. */
  forwardRows(envelope: Envelope, raw: string, children: string[]): OutboxRow[] {
    return this.rowsFor(envelope, raw, children, 'event');
  }

  async childrenOf(manager: EntityManager, nodeId: string): Promise<string[]> {
    const rows = await manager.find(FederationNode, {
      where: { parentId: nodeId },
      order: { nodeId: 'ASC' },
    });
    return rows.map((row) => row.nodeId);
  }

  /** Inserts rows in one statement; the relay hears of them when the transaction commits. */
  async insert(manager: EntityManager, rows: OutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    for (let start = 0; start < rows.length; start += 1000) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(OutboxEntry)
        .values(
          rows.slice(start, start + 1000).map((row) => ({ ...row, status: 'pending' as const })),
        )
        .orIgnore()
        .execute();
    }
    // NOTIFY is delivered to the relay's LISTEN only when this transaction commits.
    await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
  }

  private sign<P extends object>(event: OutgoingEvent<P>, seq: number): Envelope<P> {
    const problems = payloadProblems(event.type, event.payload);
    if (problems.length > 0)
      throw new Error(`invalid ${event.type} payload: ${problems.join('; ')}`);
    const { identity } = this.options;
    return signEnvelope(
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
  }

  private rowsFor(
    envelope: Envelope,
    raw: string,
    targets: string[],
    kind: OutboxKind,
  ): OutboxRow[] {
    return targets.map((targetNode) => ({
      eventId: envelope.id,
      eventType: envelope.type,
      targetNode,
      kind,
      envelope: raw,
    }));
  }

  private async targetsOf(manager: EntityManager, audience: Audience): Promise<string[]> {
    const parsed = parseAudience(audience);
    if (!parsed) throw new Error(`bad audience ${audience}`);
    if (parsed.scope === 'node') return [parsed.nodeId];
    if (parsed.nodeId !== this.options.identity.nodeId) {
      throw new Error(
        'a node addresses only its own subtree; deeper subtrees are reached by forwarding',
      );
    }
    return this.childrenOf(manager, parsed.nodeId);
  }

  /** Reserves `count` sequence numbers for an audience; returns the last one. */
  private async reserveSequences(
    manager: EntityManager,
    audience: string,
    count: number,
  ): Promise<number> {
    // The row lock taken here is held to commit, so sequence order is commit order.
    const rows: Array<{ last_seq: string }> = await manager.query(
      `INSERT INTO sequence_counter (audience, last_seq) VALUES ($1, $2)
       ON CONFLICT (audience) DO UPDATE SET last_seq = sequence_counter.last_seq + $2
       RETURNING last_seq`,
      [audience, count],
    );
    return Number(rows[0].last_seq);
  }
}
