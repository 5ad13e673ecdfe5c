import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import {
  IdentityBundle,
  keyRegistryBucket,
  NodeSpec,
  provisionTree,
  streamName,
  TIER_LABELS,
} from '@liandong/protocol';
import { LOCAL_FEDERATION_TREE } from '@liandong/local-federation';
import {
  adminDatabaseUrl,
  createDatabase,
  databaseUrl,
  dropDatabase,
} from '@liandong/local-services';
import { freePortFrom, isHealthy, migrate, NodeProcess, ROOT } from './node-process';
import { renderTable } from './table';
import { ensureUsers, generatePassword } from './users';

export { isHealthy, ROOT };
export const STATE_DIR = join(ROOT, '.federation');
const STATE_FILE = join(STATE_DIR, 'state.json');
const CREDENTIALS_FILE = join(STATE_DIR, 'credentials.json');

/** Per node: the passwords of its administrator (`admin`) and of an office clerk (`office`). */
export type Credentials = Record<string, { admin: string; office: string }>;

export function readCredentials(): Credentials {
  if (!existsSync(CREDENTIALS_FILE))
    throw new Error('no .federation/credentials.json: start the federation first (npm start)');
  return JSON.parse(readFileSync(CREDENTIALS_FILE, 'utf8')) as Credentials;
}

/** Signs in to a node of the local federation and returns an access token. */
export async function signIn(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json()) as { accessToken?: string; message?: string };
  if (!response.ok || !body.accessToken)
    throw new Error(
      `sign-in as ${username} at ${url} failed: ${response.status} ${body.message ?? ''}`,
    );
  return body.accessToken;
}
const FEDERATION = 'local';

export interface NodeState extends NodeSpec {
  url: string;
  pid: number;
  database: string;
  log: string;
}

export interface FederationState {
  federation: string;
  natsUrl: string;
  nodes: NodeState[];
}

function natsUrl(): string {
  return process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
}

/** Keys and certificates for the sample tree: made once, kept in .federation/identities. */
async function ensureIdentities(tree: NodeSpec[], adminUrl: string): Promise<Map<string, string>> {
  const dir = join(STATE_DIR, 'identities');
  const files = new Map(tree.map((n) => [n.nodeId, join(dir, `${n.nodeId}.json`)]));
  if ([...files.values()].every((file) => existsSync(file)) && existsSync(CREDENTIALS_FILE))
    return files;
  console.log(
    '生成密钥与证书 generating node keys and certificates (a new federation: old local databases and streams are reset)',
  );
  for (const node of tree) await dropDatabase(adminUrl, databaseName(node.nodeId));
  await resetBroker();
  mkdirSync(dir, { recursive: true });
  const bundles = provisionTree(tree);
  for (const node of tree) {
    const file = files.get(node.nodeId) as string;
    writeFileSync(file, JSON.stringify(bundles.get(node.nodeId) as IdentityBundle, null, 2));
    chmodSync(file, 0o600);
  }
  const credentials: Credentials = Object.fromEntries(
    tree.map((n) => [n.nodeId, { admin: generatePassword(), office: generatePassword() }]),
  );
  writeFileSync(CREDENTIALS_FILE, JSON.stringify(credentials, null, 2));
  chmodSync(CREDENTIALS_FILE, 0o600);
  return files;
}

async function resetBroker(): Promise<void> {
  const nc = await connect({ servers: natsUrl() });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(streamName(FEDERATION)).catch(() => undefined);
    await jsm.streams.delete(`KV_${keyRegistryBucket(FEDERATION)}`).catch(() => undefined);
  } finally {
    await nc.close();
  }
}

function databaseName(nodeId: string): string {
  return `liandong_${nodeId}`;
}

export function readState(): FederationState | undefined {
  if (!existsSync(STATE_FILE)) return undefined;
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as FederationState;
}

/** The federation recorded in .federation/state.json, if every node of it answers. */
export async function runningFederation(): Promise<FederationState | undefined> {
  const state = readState();
  if (!state) return undefined;
  const healthy = await Promise.all(state.nodes.map((n) => isHealthy(n.url)));
  return healthy.every(Boolean) ? state : undefined;
}

export interface StartedFederation {
  state: FederationState;
  stop: () => Promise<void>;
}

/**
 * Brings up the sample federation: one database and one node process per jurisdiction
 * on the local PostgreSQL and NATS. Databases, migrations and keys are made as needed.
 */
export async function startLocalFederation(
  tree: NodeSpec[] = LOCAL_FEDERATION_TREE,
): Promise<StartedFederation> {
  const adminUrl = adminDatabaseUrl();
  const identityFiles = await ensureIdentities(tree, adminUrl);
  mkdirSync(join(STATE_DIR, 'logs'), { recursive: true });
  const processes: NodeProcess[] = [];
  const nodes: NodeState[] = [];
  let port = Number(process.env.LIANDONG_BASE_PORT ?? 4100);
  for (const spec of tree) {
    const name = databaseName(spec.nodeId);
    const url = databaseUrl(adminUrl, name);
    if (await createDatabase(adminUrl, name, { ifMissing: true }))
      console.log(`创建数据库 created database ${name}`);
    migrate(url);
    const passwords = readCredentials()[spec.nodeId];
    await ensureUsers(url, [
      {
        username: 'admin',
        displayName: `${spec.name}系统管理员`,
        password: passwords.admin,
        roles: ['admin'],
      },
      {
        username: 'office',
        displayName: `${spec.name}巡视巡察办`,
        password: passwords.office,
        roles: ['inspection_office', 'leading_group'],
      },
    ]);
    port = await freePortFrom(port);
    const node = new NodeProcess({
      spec,
      identityFile: identityFiles.get(spec.nodeId) as string,
      databaseUrl: url,
      natsUrl: natsUrl(),
      federation: FEDERATION,
      port,
      log: join(STATE_DIR, 'logs', `${spec.nodeId}.log`),
    });
    node.start();
    processes.push(node);
    nodes.push({ ...spec, url: node.url, pid: node.pid, database: name, log: node.options.log });
    port += 1;
  }
  const stop = async () => {
    await Promise.all(processes.map((node) => node.stop()));
    rmSync(STATE_FILE, { force: true });
  };
  try {
    for (const node of processes) await node.waitHealthy();
  } catch (error) {
    await stop();
    throw error;
  }
  const state: FederationState = { federation: FEDERATION, natsUrl: natsUrl(), nodes };
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
  return { state, stop };
}

export function describeFederation(state: FederationState): string {
  return renderTable(
    ['控制台 console', '节点 node', '名称 name', '层级 tier', 'API 文档 docs'],
    state.nodes.map((n) => [
      `${n.url}/`,
      n.nodeId,
      n.name,
      `${TIER_LABELS[n.tier]} ${n.tier}`,
      `${n.url}/api/docs`,
    ]),
  );
}
