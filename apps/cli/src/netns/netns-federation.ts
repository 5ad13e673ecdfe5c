import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdentityBundle, NodeSpec, provisionTree } from '@liandong/protocol';
import { provisionBroker } from '@liandong/messaging';
import {
  createDatabase,
  databaseUrl,
  OwnNatsServer,
  OwnPostgres,
  waitFor,
} from '@liandong/local-services';
import { writeNatsConfig } from '../nats-config';
import { NodeProcess } from '../node-process';
import { prepareNodeDatabase, ProcessFederation } from '../process-federation';
import { NetnsLab } from './lab';

export const NETNS_FEDERATION = 'netns';
/** Central's JetStream domain: its three-server cluster, which holds the key registry. */
export const HUB_DOMAIN = 'hub';
const HUB_SERVERS = 3;
/** Small stream bounds: JetStream reserves them on disk when a stream is made. */
const STREAM_MAX_BYTES = 256 * 1024 ** 2;

/** Timings that let a few minutes show what hours would in production. */
const NODE_ENV = {
  RESEND_AFTER_MS: '3000',
  SYNC_INTERVAL_MS: '10000',
  BROKER_CHECK_MS: '2000',
  LOG_LEVEL: 'warn',
};

/** Which host each node of the tree runs on, and which broker it uses. */
export interface NetnsNodePlacement {
  spec: NodeSpec;
  host: string;
}

/** The province's leaf node's user at central's leaf-node ports. */
const LEAF_USER = 'leaf-province';

/**
 * The federation across hosts of their own (NetnsLab): central's host runs a JetStream
 * cluster of three nats-servers (domain `hub`, replicas 3, holding central's envelopes and the
 * key registry); the province's host a leaf node of that cluster with a domain of its own,
 * holding its subtree's envelopes, to which the city and county hosts connect; TLS on every
 * broker link, NKey users with the nodes' permissions. Every host has its own PostgreSQL.
 * Protocol.md §4.3 describes the layout; this is it, in miniature.
 */
export class NetnsFederation extends ProcessFederation {
  readonly dir = mkdtempSync(join(tmpdir(), 'liandong-netns-'));
  readonly lab = new NetnsLab();
  readonly hub: OwnNatsServer[] = [];
  leaf!: OwnNatsServer;
  private readonly databases = new Map<string, OwnPostgres>();

  constructor(
    private readonly placements: NetnsNodePlacement[],
    /** The host of the province's leaf node, and the hosts whose nodes use it. */
    private readonly leafHost: string,
  ) {
    super();
  }

  get centralHost(): string {
    return this.placementOf('000000').host;
  }

  private placementOf(nodeId: string): NetnsNodePlacement {
    const placement = this.placements.find((p) => p.spec.nodeId === nodeId);
    if (!placement) throw new Error(`no node ${nodeId} in the netns federation`);
    return placement;
  }

  /** Makes the hosts and networks, starts the brokers and databases, then every node. */
  async start(): Promise<void> {
    for (const sub of ['identities', 'logs', 'nats']) mkdirSync(join(this.dir, sub));
    this.lab.create(['wan', 'lan']);
    const hosts = [...new Set(this.placements.map((p) => p.host))];
    for (const name of hosts) {
      if (name === this.centralHost) this.lab.addHost(name, { wan: 1 });
      else if (name === this.leafHost) this.lab.addHost(name, { wan: 2, lan: 1 });
      else this.lab.addHost(name, { lan: hosts.indexOf(name) + 1 });
    }
    await this.startHub();
    await this.startLeaf();
    for (const name of hosts) {
      const host = this.lab.host(name);
      const pg = new OwnPostgres(5432, {
        runUnder: host.runUnder,
        host: host.management,
        trustNetwork: '10.214.0.0/16',
      });
      await pg.init();
      this.databases.set(name, pg);
    }
    const bundles = provisionTree(this.placements.map((p) => p.spec));
    for (const { spec, host: hostName } of this.placements)
      await this.prepareNode(spec, hostName, bundles);
    for (const node of this.nodes.values()) node.process.start();
    for (const node of this.nodes.values()) await node.process.waitHealthy(120_000);
  }

  /** Where `nats config` writes a broker's configuration, seeds and TLS files (each broker its own operator and CA). */
  private brokerDir(name: 'hub' | 'leaf'): string {
    return join(this.dir, 'nats', name);
  }

  private seed(broker: 'hub' | 'leaf', name: string): string {
    return readFileSync(join(this.brokerDir(broker), `${name}.nk`), 'utf8').trim();
  }

  /** Central's cluster, configured as its operator would (`nats config`): three servers on central's host, routes and leaf-node ports over TLS. */
  private async startHub(): Promise<void> {
    const host = this.lab.host(this.centralHost);
    const address = host.addresses.wan;
    const out = this.brokerDir('hub');
    const hubNodes = this.placements
      .filter((p) => p.host === this.centralHost)
      .map((p) => p.spec.nodeId);
    for (let i = 0; i < HUB_SERVERS; i += 1) {
      const { file } = writeNatsConfig({
        federation: NETNS_FEDERATION,
        listen: `0.0.0.0:${4222 + i}`,
        storeDir: join(out, `store-${i + 1}`),
        nodes: hubNodes,
        out,
        // nats.js checks a certificate for an IP address against the name `localhost`.
        tls: {
          hosts: ['localhost', '127.0.0.1', host.management, address],
          clientCertificates: false,
        },
        serverName: `hub-${i + 1}`,
        domain: HUB_DOMAIN,
        cluster: {
          name: 'ldhub',
          listen: `${address}:${6222 + i}`,
          routes: Array.from(
            { length: HUB_SERVERS },
            (_, j) => `nats-route://${address}:${6222 + j}`,
          ).filter((_, j) => j !== i),
        },
        leafnodes: { listen: `0.0.0.0:${7422 + i}`, users: [LEAF_USER] },
      });
      this.hub.push(
        new OwnNatsServer(4222 + i, file, out, { runUnder: host.runUnder, host: host.management }),
      );
    }
    await Promise.all(this.hub.map((server) => server.start()));
    // The cluster elects its meta leader after the routes are up: retried until it answers.
    await waitFor(
      'central’s cluster to take the federation’s streams (replicas 3)',
      () =>
        provisionBroker(
          this.hubUrl('management'),
          this.seed('hub', 'operator'),
          NETNS_FEDERATION,
          { caFile: join(out, 'ca.crt') },
          { replicas: HUB_SERVERS, recipients: hubNodes, streamMaxBytes: STREAM_MAX_BYTES },
        ).then(
          () => true,
          () => false,
        ),
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
  }

  /** The province's leaf node (`nats config --leaf-remote …`): a domain of its own, holding its subtree's envelopes. */
  private async startLeaf(): Promise<void> {
    const host = this.lab.host(this.leafHost);
    const central = this.lab.host(this.centralHost);
    const out = this.brokerDir('leaf');
    const subtree = this.placements
      .filter((p) => p.host !== this.centralHost)
      .map((p) => p.spec.nodeId);
    const { file } = writeNatsConfig({
      federation: NETNS_FEDERATION,
      listen: '0.0.0.0:4222',
      storeDir: join(out, 'store'),
      nodes: subtree,
      out,
      tls: {
        hosts: ['localhost', '127.0.0.1', host.management, ...Object.values(host.addresses)],
        clientCertificates: false,
      },
      serverName: `leaf-${this.leafHost}`,
      domain: `leaf-${this.leafHost}`,
      keyRegistryDomain: HUB_DOMAIN,
      leafRemote: {
        hosts: Array.from(
          { length: HUB_SERVERS },
          (_, i) => `${central.addresses.wan}:${7422 + i}`,
        ),
        user: LEAF_USER,
        passwordFile: join(this.brokerDir('hub'), `${LEAF_USER}.password`),
        caFile: join(this.brokerDir('hub'), 'ca.crt'),
      },
    });
    this.leaf = new OwnNatsServer(4222, file, out, {
      runUnder: host.runUnder,
      host: host.management,
    });
    await this.leaf.start();
    await provisionBroker(
      this.leaf.url.replace('nats://', 'tls://'),
      this.seed('leaf', 'operator'),
      NETNS_FEDERATION,
      { caFile: join(out, 'ca.crt') },
      { recipients: subtree, streamMaxBytes: STREAM_MAX_BYTES, keyRegistry: false },
    );
  }

  /** The hub's servers as seen from `where`: its own host's loopback, or the management address. */
  private hubUrl(where: 'local' | 'management'): string {
    const host = where === 'local' ? '127.0.0.1' : this.lab.host(this.centralHost).management;
    return Array.from({ length: HUB_SERVERS }, (_, i) => `tls://${host}:${4222 + i}`).join(',');
  }

  private async prepareNode(
    spec: NodeSpec,
    hostName: string,
    bundles: Map<string, IdentityBundle>,
  ): Promise<void> {
    const host = this.lab.host(hostName);
    const identityFile = join(this.dir, 'identities', `${spec.nodeId}.json`);
    writeFileSync(identityFile, JSON.stringify(bundles.get(spec.nodeId) as IdentityBundle));
    chmodSync(identityFile, 0o600);
    const database = `netns_${spec.nodeId}`;
    const pg = this.databases.get(hostName) as OwnPostgres;
    await createDatabase(pg.adminUrl, database);
    const url = databaseUrl(pg.adminUrl, database);
    const password = await prepareNodeDatabase(url, spec);
    const onHub = hostName === this.centralHost;
    const broker = this.brokerDir(onHub ? 'hub' : 'leaf');
    const natsUrl = onHub
      ? this.hubUrl('local')
      : hostName === this.leafHost
        ? 'tls://127.0.0.1:4222'
        : `tls://${this.lab.host(this.leafHost).addresses.lan}:4222`;
    const process = new NodeProcess({
      spec,
      identityFile,
      // The node reaches its own database on its host's loopback.
      databaseUrl: databaseUrl(`postgres://postgres@127.0.0.1:5432/postgres`, database),
      natsUrl,
      federation: NETNS_FEDERATION,
      port: 4100,
      log: join(this.dir, 'logs', `${spec.nodeId}.log`),
      env: {
        ...NODE_ENV,
        NATS_NKEY_SEED_FILE: join(broker, `${spec.nodeId}.nk`),
        NATS_TLS_CA_FILE: join(broker, 'ca.crt'),
        ...(onHub ? {} : { NATS_KEY_REGISTRY_DOMAIN: HUB_DOMAIN }),
      },
      runUnder: host.runUnder,
      host: host.management,
    });
    this.nodes.set(spec.nodeId, { spec, process, database, password });
  }

  databaseUrl(nodeId: string): string {
    const { host } = this.placementOf(nodeId);
    const pg = this.databases.get(host) as OwnPostgres;
    return databaseUrl(pg.adminUrl, this.node(nodeId).database);
  }

  /** Stops everything it started and deletes the namespaces. */
  async stop(keepDir = false): Promise<void> {
    for (const node of this.nodes.values()) await node.process.stop().catch(() => undefined);
    for (const server of [...this.hub, this.leaf]) await server?.stop().catch(() => undefined);
    for (const pg of this.databases.values()) {
      try {
        pg.cleanup();
      } catch {
        // already gone
      }
    }
    this.lab.destroy();
    if (!keepDir) rmSync(this.dir, { recursive: true, force: true });
  }
}
