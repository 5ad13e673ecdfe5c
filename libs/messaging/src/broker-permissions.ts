import { jetstreamManager } from '@nats-io/jetstream';
import { nkeyAuthenticator } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import {
  consumerName,
  inboxPrefix,
  keyRegistryBucket,
  liveSubject,
  nodeFilter,
  nodeSubject,
  streamName,
} from '@liandong/protocol';
import {
  BROKER_LIMITS,
  BrokerPlacement,
  ensureBrokerLayout,
  openKeyRegistry,
} from './broker-layout';
import { natsServers } from './jetstream.service';

export interface BrokerPermissions {
  publish: string[];
  subscribe: string[];
}

/**
 * What one node's broker user may do (protocol.md §4.2): publish envelopes only as itself;
 * use only its own durable consumer (created only with its own filter, deleted only by
 * itself); write the key registry only under its own name (its certificate, its bodies'
 * keys, the revocations it signs) and read it by key; subscribe only to its own reply inbox
 * and live subject. It cannot read the federation stream or its info (which would show who
 * talks to whom), create, change, purge or delete streams, create any other consumer — push
 * consumers included — or send a rollup or purge to the registry (the registry's stream
 * refuses those for everyone).
 */
export function nodePermissions(
  federation: string,
  nodeId: string,
  /** The JetStream domain of the key registry, where it is not this broker's own (a leaf node's). */
  keyRegistryDomain?: string,
): BrokerPermissions {
  const stream = streamName(federation);
  const durable = consumerName(nodeId);
  const bucket = keyRegistryBucket(federation);
  const kvStream = `KV_${bucket}`;
  // The registry in another domain: its API under $JS.<domain>.API, its writes under that prefix too.
  const registry = keyRegistryDomain
    ? [
        `$JS.${keyRegistryDomain}.API.$KV.${bucket}.cert.${nodeId}.*`,
        `$JS.${keyRegistryDomain}.API.$KV.${bucket}.body.${nodeId}.*`,
        `$JS.${keyRegistryDomain}.API.$KV.${bucket}.revoked.${nodeId}.*`,
        `$JS.${keyRegistryDomain}.API.INFO`,
        `$JS.${keyRegistryDomain}.API.STREAM.INFO.${kvStream}`,
        `$JS.${keyRegistryDomain}.API.DIRECT.GET.${kvStream}`,
        `$JS.${keyRegistryDomain}.API.DIRECT.GET.${kvStream}.>`,
        `$JS.${keyRegistryDomain}.API.STREAM.MSG.GET.${kvStream}`,
      ]
    : [];
  return {
    publish: [
      nodeSubject(federation, '*', nodeId),
      '$JS.API.INFO',
      `$JS.API.CONSUMER.INFO.${stream}.${durable}`,
      `$JS.API.CONSUMER.CREATE.${stream}.${durable}.${nodeFilter(federation, nodeId)}`,
      // A restored node re-creates its consumer to read again from where its database left off.
      `$JS.API.CONSUMER.DELETE.${stream}.${durable}`,
      `$JS.API.CONSUMER.MSG.NEXT.${stream}.${durable}`,
      `$JS.ACK.${stream}.${durable}.>`,
      `$KV.${bucket}.cert.${nodeId}.*`,
      `$KV.${bucket}.body.${nodeId}.*`,
      `$KV.${bucket}.revoked.${nodeId}.*`,
      `$JS.API.STREAM.INFO.${kvStream}`,
      `$JS.API.DIRECT.GET.${kvStream}`,
      `$JS.API.DIRECT.GET.${kvStream}.>`,
      `$JS.API.STREAM.MSG.GET.${kvStream}`,
      // Signed live queries to other nodes (the answerer checks who asks: protocol.md §10).
      liveSubject(federation, '*', 'registry'),
      liveSubject(federation, '*', 'oversight'),
      liveSubject(federation, '*', 'health'),
      ...registry,
    ],
    subscribe: [`${inboxPrefix(federation, nodeId)}.>`, liveSubject(federation, nodeId, '>')],
  };
}

/** TLS material of a broker (PEM files): its own certificate, and the CA its clients' certificates come from. */
export interface BrokerTls {
  certFile: string;
  keyFile: string;
  caFile: string;
  /** Require a client certificate signed by the CA from every node (besides its NKey). */
  verifyClients: boolean;
}

export interface BrokerConfigSpec {
  federation: string;
  /** host:port the server listens on. */
  listen: string;
  storeDir: string;
  /** The operator's user (full rights: creates the stream and bucket, asks for live status). */
  operatorPublicKey: string;
  nodes: Array<{ nodeId: string; publicKey: string }>;
  tls?: BrokerTls;
  /** Routes of a JetStream cluster (host:port to listen on, with TLS when given). */
  cluster?: { name: string; listen: string; routes: string[] };
  /**
   * Leaf nodes (protocol.md §4.3): `listen` where the leaf nodes of the tier below (a
   * province's own server) connect, with the users they connect as; `remotes` the servers
   * above this one connects to as a leaf node (TLS with the CA when given).
   */
  leafnodes?: {
    listen?: string;
    users?: Array<{ user: string; password: string }>;
    remotes?: Array<{ urls: string[]; caFile?: string }>;
  };
  /** This server's name (unique in a cluster and across leaf connections). */
  serverName?: string;
  /** Its JetStream domain: each leaf node's own, so that its streams are its own. */
  jetstreamDomain?: string;
  /** The key registry's JetStream domain where it is not this server's own (see nodePermissions). */
  keyRegistryDomain?: string;
  /** Disk the account's JetStream may use, in bytes. */
  maxStoreBytes?: number;
}

/** JetStream administration the operator's user is denied (system account business). */
export const OPERATOR_DENIED = [
  '$JS.API.SERVER.>',
  '$JS.API.META.>',
  '$JS.API.ACCOUNT.PURGE.>',
  '$JS.API.ACCOUNT.STREAM.MOVE.>',
  '$JS.API.ACCOUNT.STREAM.CANCEL_MOVE.>',
];

const quote = (value: string) => JSON.stringify(value);
const list = (values: string[]) => `[${values.map(quote).join(', ')}]`;

function tlsBlock(tls: BrokerTls, indent: string, verify: boolean): string {
  return `${indent}tls {
${indent}  cert_file: ${quote(tls.certFile)}
${indent}  key_file: ${quote(tls.keyFile)}
${indent}  ca_file: ${quote(tls.caFile)}
${indent}  verify: ${verify}
${indent}  timeout: 5
${indent}}`;
}

/** One `leafnodes` block: where leaf nodes connect here, and where this server connects as one. */
function leafnodesBlock(
  leafnodes: NonNullable<BrokerConfigSpec['leafnodes']>,
  tls: BrokerTls | undefined,
): string {
  const lines = ['leafnodes {'];
  if (leafnodes.listen) {
    lines.push(`  listen: ${quote(leafnodes.listen)}`);
    if (tls) lines.push(tlsBlock(tls, '  ', tls.verifyClients));
    if (leafnodes.users?.length)
      lines.push(
        `  authorization { users: [${leafnodes.users
          .map(
            (u) =>
              `{ user: ${quote(u.user)}, password: ${quote(u.password)}, account: "LIANDONG" }`,
          )
          .join(', ')}] }`,
      );
  }
  if (leafnodes.remotes?.length) {
    lines.push('  remotes: [');
    for (const remote of leafnodes.remotes)
      lines.push(
        `    { urls: ${list(remote.urls)}, account: "LIANDONG"${remote.caFile ? `, tls: { ca_file: ${quote(remote.caFile)} }` : ''} }`,
      );
    lines.push('  ]');
  }
  lines.push('}');
  return lines.join('\n');
}

/**
 * A nats-server configuration for one federation: one account with bounded JetStream, one
 * NKey user per node with the permissions above, and the operator; limits on connections,
 * subscriptions, payload and per-connection pending bytes; TLS for clients, routes and leaf
 * nodes when given. No `no_auth_user`: a connection without credentials is refused.
 */
export function natsServerConfig(spec: BrokerConfigSpec): string {
  const connections = spec.nodes.length * 8 + 16;
  const users = spec.nodes.map(({ nodeId, publicKey }) => {
    const p = nodePermissions(spec.federation, nodeId, spec.keyRegistryDomain);
    return `      # node ${nodeId}
      { nkey: ${quote(publicKey)}, allowed_connection_types: ["STANDARD"], permissions: { publish: { allow: ${list(p.publish)} }, subscribe: { allow: ${list(p.subscribe)} }, allow_responses: true } }`;
  });
  const tls = spec.tls;
  const blocks = [
    tls ? tlsBlock(tls, '', tls.verifyClients) : '',
    spec.cluster
      ? `cluster {
  name: ${quote(spec.cluster.name)}
  listen: ${quote(spec.cluster.listen)}
  routes: ${list(spec.cluster.routes)}
${tls ? tlsBlock(tls, '  ', true) : ''}
}`
      : '',
    spec.leafnodes ? leafnodesBlock(spec.leafnodes, tls) : '',
  ].filter(Boolean);
  return `# Liandong federation "${spec.federation}": generated by \`npm run cli -- nats config\`. Do not edit by hand.
listen: ${quote(spec.listen)}
# Bounds for every client: a message, a connection's unsent bytes, its subscriptions, all connections.
max_payload: ${BROKER_LIMITS.maxMessageBytes}
max_pending: ${64 * 1024 * 1024}
max_subscriptions: 1000
max_connections: ${connections}
${spec.serverName ? `server_name: ${quote(spec.serverName)}\n` : ''}jetstream { store_dir: ${quote(spec.storeDir)}${spec.jetstreamDomain ? `, domain: ${quote(spec.jetstreamDomain)}` : ''} }
${blocks.join('\n')}
accounts {
  LIANDONG: {
    jetstream: { max_file: ${spec.maxStoreBytes ?? 20 * 1024 ** 3}, max_mem: 0, max_streams: 4, max_consumers: ${spec.nodes.length * 2 + 16} }
    limits: { max_connections: ${connections}, max_subscriptions: ${spec.nodes.length * 200 + 1000}, max_payload: ${BROKER_LIMITS.maxMessageBytes} }
    users: [
      # operator: everything in the account but the JetStream administration that belongs to
      # the system account (CVE-2025-30215: not restricted to it before 2.10.27 and 2.11.1)
      { nkey: ${quote(spec.operatorPublicKey)}, permissions: { publish: { deny: ${list(OPERATOR_DENIED)} } } }
${users.join('\n')}
    ]
  }
}
`;
}

/**
 * As the operator: creates the federation's stream and key registry (which nodes may not
 * create), or gives existing ones the current limits and refusals.
 */
export async function provisionBroker(
  natsUrl: string,
  operatorSeed: string,
  federation: string,
  tls?: { caFile?: string; certFile?: string; keyFile?: string },
  placement: BrokerPlacement = {},
): Promise<void> {
  const nc = await connect({
    servers: natsServers(natsUrl),
    authenticator: nkeyAuthenticator(new TextEncoder().encode(operatorSeed)),
    tls,
  });
  try {
    await ensureBrokerLayout(await jetstreamManager(nc), federation, placement);
    if (placement.keyRegistry !== false) await openKeyRegistry(nc, federation);
  } finally {
    await nc.close();
  }
}
