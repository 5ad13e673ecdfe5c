import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { ensureBrokerLayout } from '@liandong/messaging';
import { freePort, OwnNatsServer, waitFor } from '@liandong/local-services';
import { CENTRAL_NODE_ID, consumerName, NodeSpec, streamName } from '@liandong/protocol';

export const HUB_DOMAIN = 'hub';

/** The province whose leaf node a node connects to (its code's first two digits). */
export const provinceOf = (nodeId: string): string => `${nodeId.slice(0, 2)}0000`;

/**
 * The brokers of the national simulation, as protocol.md §4.3 lays them out: central's
 * nats-server with the JetStream domain `hub` (central's stream and the key registry), and a
 * leaf node with a domain of its own for each province, whose stream holds the envelopes of
 * that province's subtree. Each envelope is stored once, in its receiver's domain. Open
 * servers on 127.0.0.1 (no users: the simulation measures scale, not permissions).
 */
export class NationalBrokers {
  readonly leaves = new Map<string, OwnNatsServer>();
  private readonly dir = mkdtempSync(join(tmpdir(), 'liandong-national-'));
  private hubServer?: OwnNatsServer;
  private watcher?: { nc: NatsConnection; jsm: JetStreamManager };

  constructor(
    private readonly federation: string,
    private readonly tree: NodeSpec[],
  ) {}

  get hub(): OwnNatsServer {
    return this.hubServer as OwnNatsServer;
  }

  urlOf(nodeId: string): string {
    if (nodeId === CENTRAL_NODE_ID) return this.hub.url;
    return (this.leaves.get(provinceOf(nodeId)) as OwnNatsServer).url;
  }

  async start(): Promise<void> {
    const leafPort = await freePort();
    this.hubServer = await this.server('hub', [
      `jetstream { domain: ${HUB_DOMAIN}, store_dir: "${join(this.dir, 'hub', 'store')}" }`,
      `leafnodes { listen: "127.0.0.1:${leafPort}" }`,
    ]);
    await this.layout(this.hub.url, [CENTRAL_NODE_ID], true);
    const provinces = this.tree.filter((n) => n.tier === 'provincial').map((n) => n.nodeId);
    for (const province of provinces) {
      const name = `p${province}`;
      const leaf = await this.server(name, [
        `jetstream { domain: ${name}, store_dir: "${join(this.dir, name, 'store')}" }`,
        `leafnodes { remotes [ { url: "nats-leaf://127.0.0.1:${leafPort}" } ] }`,
      ]);
      this.leaves.set(province, leaf);
      const subtree = this.tree
        .filter((n) => provinceOf(n.nodeId) === province)
        .map((n) => n.nodeId);
      await this.layout(leaf.url, subtree, false);
    }
  }

  /** Resident memory of all the servers, in MiB. */
  residentMiB(): number {
    return [this.hub, ...this.leaves.values()].reduce((sum, s) => sum + residentMiB(s.pid), 0);
  }

  /** Whether central's consumer has delivered, and been acked for, everything it holds. */
  async centralIdle(): Promise<boolean> {
    if (!this.watcher) {
      const nc = await connect({ servers: this.hub.url });
      this.watcher = { nc, jsm: await jetstreamManager(nc) };
    }
    const info = await this.watcher.jsm.consumers.info(
      streamName(this.federation),
      consumerName(CENTRAL_NODE_ID),
    );
    return info.num_pending === 0 && info.num_ack_pending === 0;
  }

  async stop(): Promise<void> {
    await this.watcher?.nc.close().catch(() => undefined);
    for (const server of [...this.leaves.values(), this.hubServer])
      await server?.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async server(name: string, lines: string[]): Promise<OwnNatsServer> {
    const port = await freePort();
    const dir = join(this.dir, name);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'nats-server.conf');
    writeFileSync(
      file,
      [`listen: "127.0.0.1:${port}"`, `server_name: ${name}`, ...lines].join('\n'),
    );
    const server = new OwnNatsServer(port, file, dir);
    await server.start();
    return server;
  }

  /** The domain's stream for its nodes (and at the hub the key registry); a leaf waits for its link. */
  private async layout(url: string, recipients: string[], keyRegistry: boolean): Promise<void> {
    const nc = await connect({ servers: url });
    try {
      const jsm = await jetstreamManager(nc);
      await ensureBrokerLayout(jsm, this.federation, {
        recipients,
        keyRegistry,
        streamMaxBytes: (keyRegistry ? 512 : 128) * 1024 ** 2,
      });
      if (!keyRegistry)
        await waitFor('the leaf node to reach central’s domain', async () =>
          (await jetstreamManager(nc, { domain: HUB_DOMAIN })).getAccountInfo().then(
            () => true,
            () => false,
          ),
        );
    } finally {
      await nc.close();
    }
  }
}

export function residentMiB(pid: number | undefined): number {
  if (!pid) return 0;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}
