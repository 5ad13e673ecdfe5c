import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { IdentityBundle, NodeSpec, nodeSubject, provisionTree } from '@liandong/protocol';
import {
  createDatabase,
  databaseUrl,
  dropDatabase,
  dumpDatabase,
  freePort,
  OwnNatsServer,
  OwnPostgres,
  restoreDatabase,
} from '@liandong/local-services';
import { freePortFrom, NodeProcess } from '../node-process';
import { prepareNodeDatabase, ProcessFederation } from '../process-federation';

export const CHAOS_FEDERATION = 'chaos';

/** Timings that let a few minutes show what hours would in production. */
const NODE_ENV = {
  RESEND_AFTER_MS: '2000',
  SYNC_INTERVAL_MS: '10000',
  BROKER_CHECK_MS: '2000',
  LOG_LEVEL: 'warn',
};

/**
 * The federation of a chaos run: a nats-server and a PostgreSQL cluster of its own (free
 * ports, fresh directories), one operating-system process per node, and the faults an
 * operator meets. It stops only what it started.
 */
export class ChaosFederation extends ProcessFederation {
  readonly dir = mkdtempSync(join(tmpdir(), 'liandong-chaos-'));
  nats!: OwnNatsServer;
  pg!: OwnPostgres;

  constructor(private readonly tree: NodeSpec[]) {
    super();
  }

  /** Starts the services and every node but those held back (a late joiner, say). */
  async start(except: string[]): Promise<void> {
    this.nats = new OwnNatsServer(await freePort(), undefined, join(this.dir, 'nats'));
    mkdirSync(this.nats.dir, { recursive: true });
    await this.nats.start();
    this.pg = new OwnPostgres(await freePort());
    await this.pg.init();
    const bundles = provisionTree(this.tree);
    mkdirSync(join(this.dir, 'identities'));
    mkdirSync(join(this.dir, 'logs'));
    let port = await freePortFrom(4600);
    for (const spec of this.tree) {
      const identityFile = join(this.dir, 'identities', `${spec.nodeId}.json`);
      writeFileSync(identityFile, JSON.stringify(bundles.get(spec.nodeId) as IdentityBundle));
      chmodSync(identityFile, 0o600);
      const database = `chaos_${spec.nodeId}`;
      await createDatabase(this.pg.adminUrl, database);
      const url = this.databaseUrl(spec.nodeId, database);
      const password = await prepareNodeDatabase(url, spec);
      port = await freePortFrom(port + 1);
      const process = new NodeProcess({
        spec,
        identityFile,
        databaseUrl: url,
        natsUrl: this.nats.url,
        federation: CHAOS_FEDERATION,
        port,
        log: join(this.dir, 'logs', `${spec.nodeId}.log`),
        env: NODE_ENV,
      });
      this.nodes.set(spec.nodeId, { spec, process, database, password });
    }
    for (const [nodeId, node] of this.nodes) if (!except.includes(nodeId)) node.process.start();
    for (const [nodeId, node] of this.nodes)
      if (!except.includes(nodeId)) await node.process.waitHealthy();
  }

  databaseUrl(nodeId: string, database = this.node(nodeId).database): string {
    return databaseUrl(this.pg.adminUrl, database);
  }

  // ---- faults -------------------------------------------------------------------------------

  async killNode(nodeId: string): Promise<void> {
    await this.node(nodeId).process.signal('SIGKILL');
  }

  async startNode(nodeId: string): Promise<void> {
    const node = this.node(nodeId);
    node.token = undefined;
    node.process.start();
    await node.process.waitHealthy(120_000);
  }

  freeze(nodeId: string): Promise<void> {
    return this.node(nodeId).process.signal('SIGSTOP');
  }

  thaw(nodeId: string): Promise<void> {
    return this.node(nodeId).process.signal('SIGCONT');
  }

  dump(nodeId: string, file: string): void {
    dumpDatabase(this.databaseUrl(nodeId), file);
  }

  /** The node's database replaced by an earlier dump (the node is killed first and started after). */
  async restore(nodeId: string, file: string): Promise<void> {
    const { database } = this.node(nodeId);
    await this.killNode(nodeId);
    await dropDatabase(this.pg.adminUrl, database);
    await createDatabase(this.pg.adminUrl, database);
    restoreDatabase(this.databaseUrl(nodeId), file);
    await this.startNode(nodeId);
  }

  /** `count` garbage messages on `target`'s subject, published in `peer`'s name. */
  async flood(target: string, peer: string, count: number): Promise<void> {
    const nc = await connect({ servers: this.nats.url });
    try {
      const js = jetstream(nc);
      const subject = nodeSubject(CHAOS_FEDERATION, target, peer);
      for (let start = 0; start < count; start += 500)
        await Promise.all(
          Array.from({ length: Math.min(500, count - start) }, (_, i) =>
            js.publish(subject, Buffer.from([0, (start + i) % 256])),
          ),
        );
    } finally {
      await nc.close();
    }
  }

  /** Stops everything it started; frozen nodes are thawed first so they can stop. */
  async stop(keepDir = false): Promise<void> {
    for (const node of this.nodes.values()) {
      await node.process.signal('SIGCONT').catch(() => undefined);
      await node.process.stop().catch(() => undefined);
    }
    await this.nats?.stop().catch(() => undefined);
    try {
      this.pg?.cleanup();
    } catch {
      // already gone
    }
    if (!keepDir) rmSync(this.dir, { recursive: true, force: true });
  }
}
