import { INestApplication } from '@nestjs/common';
import type { Role } from '@liandong/access';
import type { Clock, MessagingOptions, NodeIdentity } from '@liandong/messaging';
import type { IdentityBundle, NodeSpec } from '@liandong/protocol';
import type { DatabaseTemplate } from '@liandong/local-services';

/** What a launcher needs to start one node: its settings as environment variables, and its parts. */
export interface NodeLaunch {
  /** The node's settings, as the environment would give them (DATABASE_URL, NATS_URL, …). */
  env: Record<string, string>;
  identity: NodeIdentity;
  clock?: Clock;
  messaging: Partial<MessagingOptions>;
  natsSeed?: string;
}

/** A node started on a host of the test process. */
export interface LaunchedNode {
  app: INestApplication;
  /** The node's own origin (a port of its own on the host): for browsers, which need one per node. */
  url: string;
  /** The node's API on the host's shared port (`http://127.0.0.1:<port>/nodes/<id>`). */
  apiUrl: string;
}

/** Several nodes in this process behind one shared HTTP port (the node app's NodeHost). */
export interface LaunchHost {
  start(launch: NodeLaunch): Promise<LaunchedNode>;
  stop(nodeId: string): Promise<void>;
  /** Stops every node still running and closes the shared port. */
  close(): Promise<void>;
}

/** How nodes are started: the node app provides it (`NODE_LAUNCHER`), so this library needs no app. */
export interface NodeLauncher {
  /** Opens a multi-node host in this process, its shared port listening on a free port. */
  host(): Promise<LaunchHost>;
  /** The node's schema, copied into each node's new database instead of migrating each. */
  template?: DatabaseTemplate;
}

export interface RunningNode {
  spec: NodeSpec;
  identity: NodeIdentity;
  bundle: IdentityBundle;
  databaseUrl: string;
  app?: INestApplication;
  /** The node's own origin (browsers, and tests that call it directly). */
  url?: string;
  /** The node's API through the host's shared port (what the harness's requests use). */
  apiUrl?: string;
  /** Access token of the harness's clerk on this node (all office roles). */
  token?: string;
}

/** The user the harness signs in as on every node. */
export const CLERK = {
  username: 'clerk',
  displayName: '测试办事员',
  roles: ['inspection_office', 'leading_group', 'admin'] as Role[],
};

export interface FederationOptions {
  tree: NodeSpec[];
  /** Identities provisioned for a larger tree of which `tree` is the part started here. */
  bundles?: Map<string, IdentityBundle>;
  /** The federation's name (a fresh `t<hex>` unless given: runs on one broker never meet). */
  federation?: string;
  /** How a node is started (`NODE_LAUNCHER` of `@liandong/node`). */
  launcher: NodeLauncher;
  clock?: Clock;
  messaging?: Partial<MessagingOptions>;
  natsUrl?: string;
  adminUrl?: string;
  /** Per node: the NKey seed of its broker user (for a broker that requires authentication). */
  natsSeeds?: Map<string, string>;
  /** The operator's NKey seed, used to clean up such a broker. */
  operatorSeed?: string;
  /** The operator's TLS settings, for a broker that requires them. */
  operatorTls?: { caFile?: string; certFile?: string; keyFile?: string };
  /** More node settings (environment variables), e.g. an OpenID Connect provider. */
  env?: Record<string, string>;
  /** Settings of single nodes (environment variables), e.g. each node's TLS client certificate. */
  nodeEnv?: Record<string, Record<string, string>>;
  /** Per node: the maintenance database of another PostgreSQL server (one a test restarts, say). */
  adminUrls?: Record<string, string>;
}
