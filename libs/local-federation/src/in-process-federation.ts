import { createUser, UserAccount } from '@liandong/access';
import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { nkeyAuthenticator } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { identityFromChain, MessagingOptions } from '@liandong/messaging';
import { IdentityBundle, keyRegistryBucket, provisionTree, streamName } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import {
  adminDatabaseUrl,
  createDatabase,
  databaseUrl,
  dropDatabase,
} from '@liandong/local-services';
import { CLERK, FederationOptions, LaunchHost, RunningNode } from './federation-options';

/**
 * Several real nodes in one process, each with its own PostgreSQL database, all on one
 * real nats-server under a federation name of their own (so runs never see each other).
 * The nodes run on one multi-node host (the node app's NodeHost, 集约化部署): the harness's
 * own requests go through the host's shared port (`/nodes/<id>/…`), and each node also has a
 * port of its own on the host (`url`), the origin a browser needs.
 * Used by the federation tests and the benchmark.
 */
export class InProcessFederation {
  readonly federation: string;
  readonly nodes = new Map<string, RunningNode>();
  readonly clerkPassword = `pw-${randomBytes(12).toString('hex')}`;
  private readonly natsUrl: string;
  private readonly adminUrl: string;
  private host?: Promise<LaunchHost>;

  constructor(private readonly options: FederationOptions) {
    this.federation = options.federation ?? `t${randomBytes(5).toString('hex')}`;
    this.natsUrl = options.natsUrl ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
    this.adminUrl = options.adminUrl ?? adminDatabaseUrl();
    const bundles = options.bundles ?? provisionTree(options.tree, options.clock?.now());
    for (const spec of options.tree) {
      const bundle = bundles.get(spec.nodeId) as IdentityBundle;
      this.nodes.set(spec.nodeId, {
        spec,
        bundle,
        identity: identityFromChain(bundle.key, bundle.chain, bundle.rootPublicKey, bundle.bodies),
        databaseUrl: databaseUrl(this.adminUrlOf(spec.nodeId), this.databaseName(spec.nodeId)),
      });
    }
  }

  databaseName(nodeId: string): string {
    return `ld_${this.federation}_${nodeId}`;
  }

  adminUrlOf(nodeId: string): string {
    return this.options.adminUrls?.[nodeId] ?? this.adminUrl;
  }

  /** Creates every database and starts every node (but those held back), parents first. */
  async start(options: { except?: string[] } = {}): Promise<void> {
    for (const nodeId of this.nodes.keys())
      await createDatabase(this.adminUrlOf(nodeId), this.databaseName(nodeId), {
        template: this.options.launcher.template,
      });
    for (const nodeId of this.nodes.keys())
      if (!options.except?.includes(nodeId)) await this.startNode(nodeId);
  }

  async startNode(nodeId: string): Promise<RunningNode> {
    const node = this.node(nodeId);
    if (node.app) return node;
    const env = {
      LIANDONG_IDENTITY_FILE: '(in memory)',
      DATABASE_URL: node.databaseUrl,
      NATS_URL: this.natsUrl,
      FEDERATION: this.federation,
      HTTP_PORT: '0',
      MIGRATE_ON_BOOT: 'true',
      LOG_LEVEL: process.env.LIANDONG_TEST_LOG ?? 'error',
      ...this.options.env,
      ...this.options.nodeEnv?.[nodeId],
    };
    const messaging: Partial<MessagingOptions> = {
      resendAfterMs: 2_000,
      relayPollMs: 200,
      // The broker reserves a stream's bound on disk: small, for many federations at once.
      streamMaxBytes: 256 * 1024 ** 2,
      brokerCheckMs: 2_000,
      ...this.options.messaging,
    };
    this.host ??= this.options.launcher.host();
    const launched = await (
      await this.host
    ).start({
      env,
      identity: node.identity,
      clock: this.options.clock,
      messaging,
      natsSeed: this.options.natsSeeds?.get(nodeId),
    });
    node.app = launched.app;
    node.url = launched.url;
    node.apiUrl = launched.apiUrl;
    const dataSource = node.app.get(DataSource);
    if (
      !(await dataSource
        .getRepository(UserAccount)
        .findOne({ where: { username: CLERK.username } }))
    ) {
      await dataSource.transaction((m) =>
        createUser(m, { ...CLERK, password: this.clerkPassword }, new Date()),
      );
    }
    await this.signIn(nodeId);
    return node;
  }

  async signIn(
    nodeId: string,
    username = CLERK.username,
    password = this.clerkPassword,
  ): Promise<string> {
    const { status, body } = await this.httpAs<{ accessToken: string }>(
      nodeId,
      undefined,
      'POST',
      '/auth/login',
      { username, password },
    );
    if (status !== 200)
      throw new Error(
        `sign-in of ${username} on ${nodeId} failed: ${status} ${JSON.stringify(body)}`,
      );
    if (username === CLERK.username) this.node(nodeId).token = body.accessToken;
    return body.accessToken;
  }

  async stopNode(nodeId: string): Promise<void> {
    const node = this.node(nodeId);
    const running = node.app !== undefined;
    node.app = undefined;
    node.url = undefined;
    node.apiUrl = undefined;
    node.token = undefined;
    if (running && this.host) await (await this.host).stop(nodeId);
  }

  node(nodeId: string): RunningNode {
    const node = this.nodes.get(nodeId);
    if (!node) throw new Error(`no node ${nodeId} in this federation`);
    return node;
  }

  dataSource(nodeId: string): DataSource {
    const app = this.node(nodeId).app;
    if (!app) throw new Error(`node ${nodeId} is not running`);
    return app.get(DataSource);
  }

  /** Sends an HTTP request to a running node as the harness's clerk (signing in again when the token has expired). */
  async http<T = any>(
    nodeId: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const first = await this.httpAs<T>(nodeId, this.node(nodeId).token, method, path, body);
    if (first.status !== 401) return first;
    return this.httpAs<T>(nodeId, await this.signIn(nodeId), method, path, body);
  }

  /** Sends an HTTP request with the given bearer token (or none); returns status and parsed body. */
  async httpAs<T = any>(
    nodeId: string,
    token: string | undefined,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const url = this.node(nodeId).apiUrl;
    if (!url) throw new Error(`node ${nodeId} is not running`);
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON; keep the text
    }
    return { status: response.status, body: parsed as T };
  }

  /** Stops every node, drops its databases and deletes its stream and key bucket. */
  async stop(): Promise<void> {
    for (const nodeId of [...this.nodes.keys()].reverse())
      await this.stopNode(nodeId).catch(() => undefined);
    const host = this.host;
    this.host = undefined;
    if (host) await (await host).close().catch(() => undefined);
    for (const nodeId of this.nodes.keys())
      await dropDatabase(this.adminUrlOf(nodeId), this.databaseName(nodeId)).catch(() => undefined);
    const seed = this.options.operatorSeed;
    const nc = await connect({
      servers: this.natsUrl,
      authenticator: seed ? nkeyAuthenticator(new TextEncoder().encode(seed)) : undefined,
      tls: this.options.operatorTls,
    });
    try {
      const jsm = await jetstreamManager(nc);
      await jsm.streams.delete(streamName(this.federation)).catch(() => undefined);
      await jsm.streams.delete(`KV_${keyRegistryBucket(this.federation)}`).catch(() => undefined);
    } finally {
      await nc.close();
    }
  }
}
