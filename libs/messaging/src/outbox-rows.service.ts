import { Inject, Injectable } from '@nestjs/common';
import {
  Audience,
  batchSign,
  buildEnvelope,
  CONTROL_TTL_MS,
  Envelope,
  EVENT_CATALOGUE,
  EventKind,
  MAX_BATCH_MEMBERS,
  nodeAudience,
  parseAudience,
  payloadProblems,
  signEnvelope,
  UnsignedEnvelope,
} from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { Clock } from './clock';

import { FederationNode, OutboxEntry, OutboxKind, SequenceLog } from './entities';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OUTBOX_CHANNEL, OutboxRow, OutgoingEvent, ROW_KIND, serialize } from './outbox-row';
import { messagingRefusal } from './messaging.errors';
import { ReceiptMessage } from './range-receipts';

/**
 * Signed envelopes made into outbox rows, one per target node, and written in the caller's
 * transaction: the rows of events, receipts, control messages and forwarded subtree
 * envelopes, and the sequence log that keeps subtree envelopes for children that join later.
 */
@Injectable()
export class OutboxRows {
  constructor(
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /** Signed unsequenced messages (receipts, sync requests and answers), one per node to tell. */
  controlRows<P extends object>(
    to: string[],
    type: string,
    payload: P,
    links: { causationId?: string; correlationId?: string } = {},
  ): OutboxRow[] {
    const kind = EVENT_CATALOGUE.get(type)?.kind;
    if (kind !== 'receipt' && kind !== 'control') throw new Error(`${type} is not unsequenced`);
    return [...new Set(to)]
      .filter((target) => target !== this.options.identity.nodeId)
      .flatMap((target) => {
        const envelope = this.sign(
          { type, audience: nodeAudience(target), payload, ...links },
          0,
          kind,
        );
        return this.rowsFor(envelope, serialize(envelope), [target], ROW_KIND[kind]);
      });
  }

  /** Rows that pass an envelope addressed to a subtree on, unchanged, to this node's children. */
  forwardRows(envelope: Envelope, raw: string, children: string[]): OutboxRow[] {
    const kind = EVENT_CATALOGUE.get(envelope.type)?.kind ?? 'event';
    return this.rowsFor(envelope, raw, children, ROW_KIND[kind]);
  }

  /** A subtree envelope as this node keeps it for children that join later (protocol.md §5.5). */
  logEntry(envelope: Envelope, raw: string): SequenceLog {
    return {
      issuer: envelope.issuer,
      audience: envelope.audience,
      seq: String(envelope.seq),
      eventId: envelope.id,
      envelope: raw,
      notAfter: new Date(envelope.notAfter),
    };
  }

  async log(manager: EntityManager, entries: SequenceLog[]): Promise<void> {
    if (entries.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(SequenceLog)
      .values(entries)
      .orUpdate(['event_id', 'envelope', 'not_after'], ['issuer', 'audience', 'seq'])
      .execute();
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
    await this.notify(manager);
  }

  /** NOTIFY is delivered to the relay's LISTEN only when this transaction commits. */
  async notify(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
  }

  sign<P extends object>(event: OutgoingEvent<P>, seq: number, kind: EventKind): Envelope<P> {
    return signEnvelope(this.unsigned(event, seq, kind), this.options.identity.key.privateKey);
  }

  /**
   * Signs envelopes that go to the same node of protocol 1.1 together: one batch signature
   * (protocol.md §3.1) for two or more, a single signature for one.
   */
  signTogether<P>(unsigned: UnsignedEnvelope<P>[]): Envelope<P>[] {
    const { privateKey } = this.options.identity.key;
    const signed: Envelope<P>[] = [];
    for (let start = 0; start < unsigned.length; start += MAX_BATCH_MEMBERS) {
      const part = unsigned.slice(start, start + MAX_BATCH_MEMBERS);
      signed.push(
        ...(part.length === 1 ? [signEnvelope(part[0], privateKey)] : batchSign(part, privateKey)),
      );
    }
    return signed;
  }

  /** Receipts made into rows; those to one node of protocol 1.1 signed together. */
  receiptMessageRows(messages: ReceiptMessage[], batchTo: Set<string>): OutboxRow[] {
    const byTarget = new Map<string, UnsignedEnvelope<object>[]>();
    for (const m of messages) {
      if (m.to === this.options.identity.nodeId) continue;
      const unsigned = this.unsigned(
        {
          type: m.type,
          audience: nodeAudience(m.to),
          payload: m.payload,
          causationId: m.about.id,
          correlationId: m.about.correlationId,
        },
        0,
        'receipt',
      );
      const group = byTarget.get(m.to) ?? [];
      group.push(unsigned);
      byTarget.set(m.to, group);
    }
    return [...byTarget].flatMap(([target, unsigned]) =>
      (batchTo.has(target)
        ? this.signTogether(unsigned)
        : unsigned.map((u) => signEnvelope(u, this.options.identity.key.privateKey))
      ).flatMap((envelope) => this.rowsFor(envelope, serialize(envelope), [target], 'receipt')),
    );
  }

  /** An envelope checked against its type and built, not yet signed. */
  unsigned<P extends object>(
    event: OutgoingEvent<P>,
    seq: number,
    kind: EventKind,
  ): UnsignedEnvelope<P> {
    const problems = payloadProblems(event.type, event.payload);
    if (problems.length > 0)
      throw messagingRefusal(
        'INVALID_EVENT',
        {
          zh: `该请求将发出的消息不符合联动协议，未保存：${problems.join('；')}`,
          en: `the ${event.type} this request would send breaks the protocol: ${problems.join('; ')}`,
        },
        422,
      );
    const { identity } = this.options;
    return buildEnvelope({
      type: event.type,
      issuer: identity.nodeId,
      keyId: identity.key.keyId,
      audience: event.audience,
      seq,
      payload: event.payload,
      issuedAt: this.clock.now(),
      // Control messages steer sequences: a stale one must not be applied much later.
      ttlMs: kind === 'control' ? CONTROL_TTL_MS : this.options.envelopeTtlMs,
      correlationId: event.correlationId,
      causationId: event.causationId,
    });
  }

  rowsFor(envelope: Envelope, raw: string, targets: string[], kind: OutboxKind): OutboxRow[] {
    const sequence =
      kind === 'event'
        ? { issuer: envelope.issuer, audience: envelope.audience, seq: String(envelope.seq) }
        : {};
    return targets.map((targetNode) => ({
      eventId: envelope.id,
      eventType: envelope.type,
      targetNode,
      kind,
      envelope: raw,
      ...sequence,
    }));
  }

  /** The nodes an own envelope for `audience` goes to: the node, or this node's children. */
  async targetsOf(manager: EntityManager, audience: Audience): Promise<string[]> {
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
}
