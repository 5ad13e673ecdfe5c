import { Injectable } from '@nestjs/common';
import {
  Audience,
  Envelope,
  EVENT_CATALOGUE,
  EventKind,
  parseAudience,
  UnsignedEnvelope,
} from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { SequenceLog } from './entities';
import { OutboxRow, OutgoingEvent, ROW_KIND, serialize } from './outbox-row';
import { OutboxRecovery } from './outbox-recovery.service';
import { OutboxRows } from './outbox-rows.service';
import { PeerProtocolService } from './peer-protocol.service';

export { OUTBOX_CHANNEL } from './outbox-row';
export type { OutboxRow, OutgoingEvent } from './outbox-row';

/**
 * Puts signed envelopes in the outbox, inside the caller's transaction: an event exists
 * for the federation exactly when the business change that caused it commits.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly rows: OutboxRows,
    private readonly recovery: OutboxRecovery,
    private readonly peers: PeerProtocolService,
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
    const kinds = events.map((event) => {
      const definition = EVENT_CATALOGUE.get(event.type);
      if (!definition) throw new Error(`${event.type} is not in the event catalogue`);
      return definition.kind;
    });
    const wanted = new Map<string, number>();
    events.forEach((event, i) => {
      if (kinds[i] === 'event') wanted.set(event.audience, (wanted.get(event.audience) ?? 0) + 1);
    });
    const targets = new Map<string, string[]>();
    for (const audience of new Set(events.map((e) => e.audience)))
      targets.set(audience, await this.rows.targetsOf(manager, audience));
    const rows: OutboxRow[] = [];
    const next = new Map<string, number>();
    for (const [audience, count] of wanted) {
      const reserved = await this.reserveSequences(manager, audience, count);
      const before = reserved.last - count;
      rows.push(
        ...(await this.recovery.restartIfRestored(
          manager,
          audience as Audience,
          before,
          reserved.restartedAt,
          targets.get(audience),
        )),
      );
      next.set(audience, before + 1);
    }
    const unsigned = events.map((event, i) => {
      let seq = 0;
      if (kinds[i] === 'event') {
        seq = next.get(event.audience) as number;
        next.set(event.audience, seq + 1);
      }
      return this.rows.unsigned(event, seq, kinds[i]);
    });
    const envelopes = await this.signed(manager, unsigned, kinds);
    const logged: SequenceLog[] = [];
    envelopes.forEach((envelope, i) => {
      const raw = serialize(envelope);
      rows.push(
        ...this.rows.rowsFor(
          envelope,
          raw,
          targets.get(envelope.audience) ?? [],
          ROW_KIND[kinds[i]],
        ),
      );
      if (kinds[i] === 'event' && parseAudience(envelope.audience)?.scope === 'subtree')
        logged.push(this.rows.logEntry(envelope, raw));
    });
    await this.rows.log(manager, logged);
    await this.rows.insert(manager, rows);
    return envelopes as Envelope<P>[];
  }

  /**
   * Signs the envelopes: the events of one call for one node of protocol 1.1 together (one
   * batch signature, §3.1); everything else — subtree envelopes, which are forwarded to nodes
   * whose version the issuer does not know, and what goes to a node of 1.0 — alone.
   */
  private async signed(
    manager: EntityManager,
    unsigned: UnsignedEnvelope[],
    kinds: EventKind[],
  ): Promise<Envelope[]> {
    const signed: Envelope[] = new Array(unsigned.length);
    const together = new Map<string, number[]>();
    for (const [i, envelope] of unsigned.entries()) {
      const target = parseAudience(envelope.audience);
      if (
        kinds[i] === 'event' &&
        target?.scope === 'node' &&
        (await this.peers.batchFormsTo(manager, target.nodeId))
      ) {
        const group = together.get(target.nodeId) ?? [];
        group.push(i);
        together.set(target.nodeId, group);
      } else [signed[i]] = this.rows.signTogether([envelope]);
    }
    for (const indices of together.values())
      this.rows.signTogether(indices.map((i) => unsigned[i])).forEach((envelope, k) => {
        signed[indices[k]] = envelope;
      });
    return signed;
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

  /** This node's children as it knows them (domain modules that address them ask here). */
  childrenOf(manager: EntityManager, nodeId: string): Promise<string[]> {
    return this.rows.childrenOf(manager, nodeId);
  }

  /** Reserves `count` sequence numbers for an audience; returns the last one. */
  private async reserveSequences(
    manager: EntityManager,
    audience: string,
    count: number,
  ): Promise<{ last: number; restartedAt: Date | null }> {
    // The row lock taken here is held to commit, so sequence order is commit order.
    const rows: Array<{ last_seq: string; restarted_at: Date | null }> = await manager.query(
      `INSERT INTO sequence_counter (audience, last_seq) VALUES ($1, $2)
       ON CONFLICT (audience) DO UPDATE SET last_seq = sequence_counter.last_seq + $2
       RETURNING last_seq, restarted_at`,
      [audience, count],
    );
    return { last: Number(rows[0].last_seq), restartedAt: rows[0].restarted_at };
  }
}
