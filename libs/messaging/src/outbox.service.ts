import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  Audience,
  buildEnvelope,
  CONTROL_TTL_MS,
  Envelope,
  EVENT_CATALOGUE,
  EventKind,
  MAX_ENVELOPE_BYTES,
  nodeAudience,
  parseAudience,
  payloadProblems,
  ReceiptV1,
  SequenceRestartedV1,
  signEnvelope,
} from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { Clock } from './clock';
import { DomainError } from '@liandong/common';
import { FederationNode, OutboxEntry, OutboxKind, SequenceLog } from './entities';
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
  /** For events: the sequence the envelope carries. */
  issuer?: string;
  audience?: string;
  seq?: string;
  /** Publishes so far, kept when a row is queued again (each publish has its own message id). */
  attempts?: number;
}

/**
 * The envelope as it goes on the wire. One over the protocol's size limit is refused here,
 * in the transaction that would have sent it: the broker would refuse it for ever.
 */
function serialize(envelope: Envelope): string {
  const raw = JSON.stringify(envelope);
  const bytes = Buffer.byteLength(raw, 'utf8');
  if (bytes > MAX_ENVELOPE_BYTES)
    throw new DomainError(
      'ENVELOPE_TOO_LARGE',
      {
        zh: `消息过大：共 ${bytes} 字节，上限 ${MAX_ENVELOPE_BYTES} 字节。请把密件或正文拆分到几份部署中再发。`,
        en: `the ${envelope.type} envelope would be ${bytes} bytes; the limit is ${MAX_ENVELOPE_BYTES}: split the annexes or the text over several directives`,
      },
      422,
    );
  return raw;
}

const ROW_KIND: Record<EventKind, OutboxKind> = {
  event: 'event',
  receipt: 'receipt',
  control: 'control',
};

/**
 * Puts signed envelopes in the outbox, inside the caller's transaction: an event exists
 * for the federation exactly when the business change that caused it commits.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);
  /**
   * Set when this node noticed at start that its database was restored: each of its own
   * sequences is then announced as restarted, once, before its next event (protocol.md §5.5).
   */
  private restoredAt?: Date;

  constructor(
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  markRestored(at: Date): void {
    this.restoredAt = at;
  }

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
      targets.set(audience, await this.targetsOf(manager, audience));
    const rows: OutboxRow[] = [];
    const next = new Map<string, number>();
    for (const [audience, count] of wanted) {
      const reserved = await this.reserveSequences(manager, audience, count);
      const before = reserved.last - count;
      if (this.restoredAt && !(reserved.restartedAt && reserved.restartedAt >= this.restoredAt)) {
        rows.push(
          ...(await this.restartRows(manager, audience as Audience, before, targets.get(audience))),
        );
      }
      next.set(audience, before + 1);
    }
    const logged: SequenceLog[] = [];
    const envelopes = events.map((event, i) => {
      let seq = 0;
      if (kinds[i] === 'event') {
        seq = next.get(event.audience) as number;
        next.set(event.audience, seq + 1);
      }
      const envelope = this.sign(event, seq, kinds[i]);
      const raw = serialize(envelope);
      rows.push(
        ...this.rowsFor(envelope, raw, targets.get(event.audience) ?? [], ROW_KIND[kinds[i]]),
      );
      if (kinds[i] === 'event' && parseAudience(event.audience)?.scope === 'subtree')
        logged.push(this.logEntry(envelope, raw));
      return envelope;
    });
    await this.log(manager, logged);
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
    return this.controlRows(to, ReceiptV1.type, receipt, { causationId, correlationId });
  }

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

  /**
   * Receivers refused some of this node's own events as stale: their cursor is past a
   * number this node used again, so its counter went back (a restore that was not noticed
   * at start). Announce the restart to them and send those events again (protocol.md §5.5).
   */
  async restartAfterStale(
    manager: EntityManager,
    refused: Array<{ eventId: string; fromNode: string }>,
  ): Promise<void> {
    if (refused.length === 0) return;
    const rows: Array<{ audience: string; target_node: string; seq: string }> = await manager.query(
      `SELECT audience, target_node, min(seq) AS seq FROM outbox
       JOIN unnest($1::uuid[], $2::text[]) AS v(event_id, from_node)
         ON outbox.event_id = v.event_id AND outbox.target_node = v.from_node
       WHERE kind = 'event' AND issuer = $3
       GROUP BY audience, target_node`,
      [refused.map((r) => r.eventId), refused.map((r) => r.fromNode), this.options.identity.nodeId],
    );
    const out: OutboxRow[] = [];
    for (const row of rows) {
      const [counter]: Array<{ restarted_at: Date | null }> = await manager.query(
        `SELECT restarted_at FROM sequence_counter WHERE audience = $1 FOR UPDATE`,
        [row.audience],
      );
      const recent =
        counter?.restarted_at &&
        this.clock.now().getTime() - counter.restarted_at.getTime() < 30_000;
      if (recent) continue;
      this.logger.warn({
        msg: 'a receiver is past a sequence number this node used again: restarting the sequence',
        audience: row.audience,
        receiver: row.target_node,
        after: Number(row.seq) - 1,
      });
      out.push(
        ...(await this.restartRows(manager, row.audience as Audience, Number(row.seq) - 1, [
          row.target_node,
        ])),
      );
    }
    await this.insert(manager, out);
  }

  /**
   * After a key rotation: this node's own envelopes that no receipt answered yet are signed
   * again with its current key (same id, same content), so they still count if the old key is
   * revoked before they arrive. Returns how many.
   */
  async resignWithCurrentKey(manager: EntityManager): Promise<number> {
    const { identity } = this.options;
    const rows: Array<{ event_id: string; envelope: string }> = await manager.query(
      `SELECT DISTINCT ON (event_id) event_id, envelope FROM outbox
       WHERE status IN ('pending', 'published')
         AND envelope::jsonb->>'issuer' = $1 AND envelope::jsonb->>'keyId' <> $2`,
      [identity.nodeId, identity.key.keyId],
    );
    for (const row of rows) {
      const unsigned = JSON.parse(row.envelope) as Partial<Envelope>;
      delete unsigned.signature;
      const raw = serialize(
        signEnvelope(
          { ...(unsigned as Omit<Envelope, 'signature'>), keyId: identity.key.keyId },
          identity.key.privateKey,
        ),
      );
      await manager.query(
        `UPDATE outbox SET envelope = $2 WHERE event_id = $1 AND status IN ('pending', 'published')`,
        [row.event_id, raw],
      );
      await manager.query(`UPDATE sequence_log SET envelope = $2 WHERE event_id = $1`, [
        row.event_id,
        raw,
      ]);
    }
    return rows.length;
  }

  /** Announces that this node's sequence for `audience` continues after `after` (its counter went back). */
  async restart(
    manager: EntityManager,
    audience: Audience,
    after: number,
    targets: string[],
  ): Promise<void> {
    this.logger.warn({
      msg: 'a receiver is past this node’s own counter: restarting the sequence',
      audience,
      receivers: targets,
      after,
    });
    await this.insert(manager, await this.restartRows(manager, audience, after, targets));
  }

  /**
   * sequence.restarted.v1 for an own audience, to its targets, followed by every undelivered
   * event of that sequence to them again: they are taken out and put back behind the restart
   * (the relay publishes in row order), keeping their attempt count so each re-send has a new
   * message id. The counter records when.
   */
  private async restartRows(
    manager: EntityManager,
    audience: Audience,
    after: number,
    targets?: string[],
  ): Promise<OutboxRow[]> {
    const to = targets ?? (await this.targetsOf(manager, audience));
    await manager.query(`UPDATE sequence_counter SET restarted_at = $2 WHERE audience = $1`, [
      audience,
      this.clock.now(),
    ]);
    const [again]: [OutboxRow[], number] = await manager.query(
      `DELETE FROM outbox
       WHERE kind = 'event' AND issuer = $1 AND audience = $2 AND seq > $3
         AND target_node = ANY($4::text[]) AND status <> 'delivered'
       RETURNING event_id AS "eventId", event_type AS "eventType", target_node AS "targetNode",
         kind, envelope, issuer, audience, seq, attempts`,
      [this.options.identity.nodeId, audience, after, to],
    );
    const restart: SequenceRestartedV1 = { after };
    const envelope = this.sign(
      { type: SequenceRestartedV1.type, audience, payload: restart },
      0,
      'control',
    );
    const ordered = [...again].sort((a, b) => Number(a.seq) - Number(b.seq));
    return [...this.rowsFor(envelope, serialize(envelope), to, 'control'), ...ordered];
  }

  private sign<P extends object>(
    event: OutgoingEvent<P>,
    seq: number,
    kind: EventKind,
  ): Envelope<P> {
    const problems = payloadProblems(event.type, event.payload);
    if (problems.length > 0)
      throw new DomainError(
        'INVALID_EVENT',
        {
          zh: `该请求将发出的消息不符合联动协议，未保存：${problems.join('；')}`,
          en: `the ${event.type} this request would send breaks the protocol: ${problems.join('; ')}`,
        },
        422,
      );
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
        // Control messages steer sequences: a stale one must not be applied much later.
        ttlMs: kind === 'control' ? CONTROL_TTL_MS : this.options.envelopeTtlMs,
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
