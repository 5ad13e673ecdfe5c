import { jetstream, JetStreamClient, JsMsg, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import {
  identityFromChain,
  nodeConsumerConfig,
  openKeyRegistry,
  registrationOf,
} from '@liandong/messaging';
import {
  certificateRegistryKey,
  consumerName,
  CoverageReportedV1,
  DirectiveReportedV1,
  IdentityBundle,
  NodeRegisteredV1,
  streamName,
} from '@liandong/protocol';
import { Pool } from 'pg';
import { LightNode } from './light-node';
import { commit, Writes } from './light-store';
import { LightTrust } from './light-trust';
import { LightSettler } from './light-settle';
import { inTurn, LightOutbox } from './light-outbox';
import { provinceOf } from './national-brokers';

const BATCH = 2_000;
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
  private settler?: LightSettler;
  private readonly queue: Delivery[] = [];
  private flushing?: Promise<void>;
  private coverageTimer?: NodeJS.Timeout;
  private outboxWire?: LightOutbox;
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

  private get outbox(): LightOutbox {
    return this.outboxWire as LightOutbox;
  }

  /** Certificates in the registry, consumers on the broker, then every node registers (§7). */
  async start(): Promise<void> {
    const { federation } = this.options;
    for (const [province, url] of Object.entries(this.options.brokers)) {
      const nc = await connect({ servers: url, maxReconnectAttempts: -1 });
      this.brokers.set(province, { nc, js: jetstream(nc) });
    }
    this.pool = new Pool({ connectionString: this.options.databaseUrl, max: 4 });
    this.outboxWire = new LightOutbox(
      this.pool,
      (nodeId) => this.broker(nodeId).js,
      [...this.nodes.keys()],
      this.counts,
    );
    const first = [...this.brokers.values()][0].nc;
    const registry = await openKeyRegistry(first, federation, this.options.registryDomain);
    const root = this.options.bundles[0].rootPublicKey;
    this.settler = new LightSettler(new LightTrust(registry, root), this.counts);
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
    for (const node of this.nodes.values())
      for (const ancestor of node.identity.path.slice(0, -1))
        node.emit(w, NodeRegisteredV1.type, ancestor, registrationOf(node.identity), now);
    await commit(this.database, w);
    await this.outbox.publish(w.outbox);
    this.outbox.resendEvery(2_000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.outboxWire?.stop();
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
        const done = await (this.settler as LightSettler).settle(
          delivery.node,
          delivery.message,
          w,
          now,
        );
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
      await this.outbox.publish(w.outbox);
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
}
