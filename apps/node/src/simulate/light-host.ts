import { jetstream, JetStreamClient, JsMsg, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import {
  Authentic,
  identityFromChain,
  judge,
  nodeConsumerConfig,
  openKeyRegistry,
  Settlement,
} from '@liandong/messaging';
import {
  audienceIncludes,
  bodyLimitProblems,
  certificateRegistryKey,
  consumerName,
  CoverageReportedV1,
  DirectiveReportedV1,
  Envelope,
  envelopeShapeProblems,
  envelopeSignatureValid,
  EVENT_CATALOGUE,
  IdentityBundle,
  messageId,
  NodeRegisteredV1,
  payloadProblems,
  ReceiptV1,
  RefusalError,
  senderOf,
  streamName,
  VerifiedKey,
} from '@liandong/protocol';
import { Pool } from 'pg';
import { LightNode } from './light-node';
import { handle } from './light-handlers';
import { commit, OutboxRow, Writes } from './light-store';
import { LightTrust } from './light-trust';
import { provinceOf } from './national-brokers';

const BATCH = 2_000;
const RESEND_AFTER_MS = 10_000;
const COVERAGE_EVERY_MS = 300;

interface Delivery {
  node: LightNode;
  message: JsMsg;
}

export interface LightHostOptions {
  federation: string;
  /** The leaf node of each province this host has nodes in (its nodes connect to it). */
  brokers: Record<string, string>;
  /** The JetStream domain of the key registry (central's). */
  registryDomain: string;
  databaseUrl: string;
  bundles: IdentityBundle[];
}

/**
 * Many light nodes in one process (the simulation's 集约化部署 at national scale): one NATS
 * connection per province's leaf node, one pool of a few database connections, one queue. Each node has its own
 * durable consumer, keys, inbox, cursors, counters and outbox; every batch of deliveries —
 * whichever nodes they are for — is settled in ONE transaction, acked after it commits, and
 * what it sent is published after that (re-sent until receipted).
 */
export class LightHost {
  readonly nodes = new Map<string, LightNode>();
  readonly counts = { settled: 0, receipts: 0, refused: 0, published: 0 };
  /** One connection per province's leaf node, shared by the host's nodes there. */
  private readonly brokers = new Map<string, { nc: NatsConnection; js: JetStreamClient }>();
  private pool?: Pool;
  private trust?: LightTrust;
  private readonly queue: Delivery[] = [];
  private flushing?: Promise<void>;
  private coverageTimer?: NodeJS.Timeout;
  private resendTimer?: NodeJS.Timeout;
  private resending = false;
  private lastCoverage = 0;
  private stopped = false;

  constructor(private readonly options: LightHostOptions) {
    for (const b of options.bundles) {
      const identity = identityFromChain(b.key, b.chain, b.rootPublicKey);
      this.nodes.set(identity.nodeId, new LightNode(identity, options.federation));
    }
  }

  get database(): Pool {
    return this.pool as Pool;
  }

  /** Certificates in the registry, consumers on the broker, then every node registers (§7). */
  async start(): Promise<void> {
    const { federation } = this.options;
    for (const [province, url] of Object.entries(this.options.brokers)) {
      const nc = await connect({ servers: url, maxReconnectAttempts: -1 });
      this.brokers.set(province, { nc, js: jetstream(nc) });
    }
    this.pool = new Pool({ connectionString: this.options.databaseUrl, max: 4 });
    const first = [...this.brokers.values()][0].nc;
    const registry = await openKeyRegistry(first, federation, this.options.registryDomain);
    const root = this.options.bundles[0].rootPublicKey;
    this.trust = new LightTrust(registry, root);
    await inTurn([...this.nodes.values()], 32, async (node) => {
      const own = node.identity.chain[0];
      await registry.put(certificateRegistryKey(own.nodeId, own.keyId), JSON.stringify(own));
      const jsm = await jetstreamManager(this.broker(node.nodeId).nc);
      await jsm.consumers.add(
        streamName(federation),
        nodeConsumerConfig(federation, node.nodeId, 8),
      );
    });
    for (const node of this.nodes.values()) void this.pull(node);
    const w = new Writes();
    const now = new Date();
    for (const node of this.nodes.values()) {
      const { identity } = node;
      const payload: NodeRegisteredV1 = {
        nodeId: identity.nodeId,
        name: identity.name,
        tier: identity.tier,
        parentId: identity.parentId,
        path: identity.path,
      };
      for (const ancestor of identity.path.slice(0, -1))
        node.emit(w, NodeRegisteredV1.type, ancestor, payload, now);
    }
    await commit(this.database, w);
    await this.publish(w.outbox);
    this.resendTimer = setInterval(() => {
      if (this.resending) return;
      this.resending = true;
      void this.resend()
        .catch(() => undefined)
        .finally(() => (this.resending = false));
    }, 2_000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.resendTimer);
    clearTimeout(this.coverageTimer);
    await this.flushing;
    for (const { nc } of this.brokers.values()) await nc.close();
    await this.pool?.end();
  }

  /** A node's own figures changed (its registry): it reports upward in a coming batch. */
  ownFiguresChanged(node: LightNode): void {
    node.coverageDirty = true;
    this.wake();
  }

  private async pull(node: LightNode): Promise<void> {
    const consumer = await this.broker(node.nodeId).js.consumers.get(
      streamName(this.options.federation),
      consumerName(node.nodeId),
    );
    const messages = await consumer.consume({ max_messages: 64 });
    for await (const message of messages) {
      this.queue.push({ node, message });
      this.wake();
    }
  }

  private broker(nodeId: string): { nc: NatsConnection; js: JetStreamClient } {
    return this.brokers.get(provinceOf(nodeId)) as { nc: NatsConnection; js: JetStreamClient };
  }

  private wake(): void {
    if (this.stopped) return;
    this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
  }

  /** Batches until the queue, the due reports and the changed coverage are all written. */
  private async flush(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (!this.stopped) {
      const batch = this.queue.splice(0, BATCH);
      const w = new Writes();
      const now = new Date();
      this.reportsDue(w, now);
      this.coverageDue(w, now);
      const settled: JsMsg[] = [];
      for (const delivery of batch) {
        const done = await this.settle(delivery, w, now);
        if (done) settled.push(delivery.message);
        else delivery.message.nak(500);
      }
      if (w.empty && batch.length === 0) break;
      // A batch that cannot be written leaves this process: its nodes' state is the database's.
      await commit(this.database, w).catch((error: unknown) => {
        console.error(`light host: a batch could not be written: ${(error as Error).message}`);
        process.exit(1);
      });
      for (const message of settled) message.ack();
      await this.publish(w.outbox);
    }
  }

  /** Directives acknowledged in an earlier batch are reported in this one. */
  private reportsDue(w: Writes, now: Date): void {
    for (const node of this.nodes.values()) {
      for (const due of node.reportDue.splice(0)) {
        const report: DirectiveReportedV1 = {
          directiveId: due.directiveId,
          reportedAt: now.toISOString(),
          reportedBy: `${node.identity.name}巡察办`,
          summary: `${node.identity.name}已传达学习并部署落实（模拟）`,
        };
        node.emit(w, DirectiveReportedV1.type, due.issuer, report, now);
        w.push(w.reported, node.nodeId, due.directiveId);
      }
    }
  }

  /** Coverage that changed is reported to the parent, at most every 300 ms per host. */
  private coverageDue(w: Writes, now: Date): void {
    const dirty = [...this.nodes.values()].filter((n) => n.coverageDirty);
    if (dirty.length === 0) return;
    const wait = this.lastCoverage + COVERAGE_EVERY_MS - now.getTime();
    if (wait > 0) {
      this.coverageTimer ??= setTimeout(() => {
        this.coverageTimer = undefined;
        this.wake();
      }, wait);
      return;
    }
    this.lastCoverage = now.getTime();
    for (const node of dirty) {
      node.coverageDirty = false;
      const parent = node.identity.parentId as string;
      node.emit(w, CoverageReportedV1.type, parent, node.coverageReport(now), now);
    }
  }

  /** §5.2 for one delivery; false: held back (a gap before it), delivered again later. */
  private async settle({ node, message }: Delivery, w: Writes, now: Date): Promise<boolean> {
    const raw = message.string();
    const letter = (code: string, reason: string, eventId: string | null = null) => {
      w.push(w.deadLetters, node.nodeId, eventId, code, reason, raw);
      this.counts.refused += 1;
      return true;
    };
    let envelope: Envelope;
    try {
      const parsed: unknown = JSON.parse(raw);
      const problems = [
        ...bodyLimitProblems(message.data.byteLength, parsed),
        ...envelopeShapeProblems(parsed),
      ];
      if (problems.length > 0) return letter('MALFORMED', problems.join('; '));
      envelope = parsed as Envelope;
    } catch {
      return letter('MALFORMED', 'message body is not JSON');
    }
    let verified: VerifiedKey;
    try {
      verified = await (this.trust as LightTrust).verify(envelope, now);
    } catch (error) {
      if (error instanceof RefusalError) return letter(error.code, error.message, envelope.id);
      return false;
    }
    if (!envelopeSignatureValid(envelope, verified.certificate.publicKey, false))
      return letter('BAD_SIGNATURE', 'the signature does not verify', envelope.id);
    if (!audienceIncludes(envelope.audience, node.identity.path))
      return letter(
        'MISADDRESSED',
        `audience ${envelope.audience} does not include ${node.nodeId}`,
      );
    const kind = EVENT_CATALOGUE.get(envelope.type)?.kind;
    if (kind === 'receipt') return this.receipted(node, envelope, w, letter);
    if (kind === 'control' || envelope.seq === 0)
      return letter('UNKNOWN_TYPE', `${envelope.type} is not taken by a light node`, envelope.id);
    const hopFrom = senderOf(message.subject);
    const before = node.inbox.get(envelope.id);
    if (before) {
      const outcome = before.outcome === 'applied' ? 'duplicate' : before.outcome;
      node.receipt(w, envelope, hopFrom, outcome, now, before.code ?? null, before.reason ?? null);
      return true;
    }
    const sequence = `${envelope.issuer} ${envelope.audience}`;
    const last = node.cursors.get(sequence) ?? 0;
    if (envelope.seq <= last) {
      node.receipt(w, envelope, hopFrom, 'rejected', now, 'STALE_SEQUENCE', `already at ${last}`);
      return true;
    }
    if (envelope.seq > last + 1) return false;
    const event: Authentic = { envelope, raw, verified, hopFrom };
    const settlement: Settlement = judge(event, now, node.identity) ?? handle(node, event, w, now);
    node.inbox.set(envelope.id, settlement);
    node.cursors.set(sequence, envelope.seq);
    w.cursors.set(`${node.nodeId} ${sequence}`, [
      node.nodeId,
      envelope.issuer,
      envelope.audience,
      envelope.seq,
    ]);
    w.push(
      w.inbox,
      node.nodeId,
      envelope.id,
      envelope.issuer,
      envelope.audience,
      envelope.seq,
      envelope.type,
      settlement.outcome,
      settlement.code ?? null,
      settlement.reason ?? null,
    );
    if (settlement.outcome !== 'applied')
      w.push(w.deadLetters, node.nodeId, envelope.id, settlement.code, settlement.reason, raw);
    const outcome = settlement.outcome === 'applied' ? 'applied' : settlement.outcome;
    node.receipt(w, envelope, hopFrom, outcome as never, now, settlement.code, settlement.reason);
    if (envelope.audience.startsWith('subtree:')) node.forward(w, envelope, raw);
    this.counts.settled += 1;
    return true;
  }

  private receipted(
    node: LightNode,
    envelope: Envelope,
    w: Writes,
    letter: (code: string, reason: string, eventId: string) => boolean,
  ): boolean {
    const problems = payloadProblems(envelope.type, envelope.payload);
    if (problems.length > 0) return letter('INVALID_PAYLOAD', problems.join('; '), envelope.id);
    if (envelope.type !== ReceiptV1.type)
      return letter('UNKNOWN_TYPE', `light nodes speak protocol 1.0`, envelope.id);
    const p = envelope.payload as ReceiptV1;
    const status = p.outcome === 'applied' || p.outcome === 'duplicate' ? 'delivered' : 'refused';
    w.push(w.settled, node.nodeId, p.eventId, envelope.issuer, status);
    this.counts.receipts += 1;
    return true;
  }

  /**
   * Puts rows on the wire (after their transaction committed) and records those the broker
   * took as sent; a row it did not take stays pending for the resend loop.
   */
  private async publish(rows: OutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    const sent: OutboxRow[] = [];
    await inTurn(rows, 64, (row) =>
      this.broker(row.nodeId)
        .js.publish(row.subject, row.body, { msgID: messageId(row.eventId, row.target, 0) })
        .then(
          () => void sent.push(row),
          () => undefined,
        ),
    );
    this.counts.published += sent.length;
    await this.database.query(
      `UPDATE light_outbox o SET status = CASE WHEN o.kind = 'receipt' THEN 'sent' ELSE 'published' END,
         published_at = now()
       FROM unnest($1::text[], $2::uuid[], $3::text[]) v(n, e, t)
       WHERE o.node_id = v.n AND o.event_id = v.e AND o.target = v.t AND o.status = 'pending'`,
      [sent.map((r) => r.nodeId), sent.map((r) => r.eventId), sent.map((r) => r.target)],
    );
  }

  /**
   * Rows the broker did not take are tried again after 2 s; events and forwards without a
   * receipt after 10 s are sent again (§5.1, with shorter waits than a node's).
   */
  private async resend(): Promise<void> {
    const { rows } = await this.database.query(
      `UPDATE light_outbox SET attempt = attempt + 1, published_at = now(),
         status = CASE WHEN kind = 'receipt' THEN 'sent' ELSE 'published' END
       WHERE node_id = ANY($2) AND (
         (status = 'pending' AND created_at < now() - interval '2 seconds') OR
         (status = 'published' AND published_at < now() - $1 * interval '1 millisecond'))
       RETURNING node_id, event_id, target, subject, body, attempt`,
      [RESEND_AFTER_MS, [...this.nodes.keys()]],
    );
    await inTurn(rows, 64, (r) =>
      this.broker(r.node_id)
        .js.publish(r.subject, r.body, { msgID: messageId(r.event_id, r.target, r.attempt) })
        .then(() => undefined),
    );
  }
}

/** Runs `work` on every item, at most `width` at a time. */
export async function inTurn<T>(
  items: T[],
  width: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}
