import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createUser, fromSeed } from '@nats-io/nkeys';
import { BrokerTls, ensureCa, issueTlsCertificate, natsServerConfig } from '@liandong/messaging';

export interface NatsConfigOptions {
  federation: string;
  listen: string;
  storeDir: string;
  nodes: string[];
  out: string;
  /** TLS: the broker's host names and addresses; client certificates per node when asked. */
  tls?: { hosts: string[]; clientCertificates: boolean };
  cluster?: { name: string; listen: string; routes: string[] };
  /** Where the leaf nodes of the tier below connect, and the users they connect as (a password each, kept in <out>/<user>.password). */
  leafnodes?: { listen: string; users: string[] };
  /** This server as a leaf node of the one above: its leaf-node URLs (host:port), the user and its password file, the CA of its certificate. */
  leafRemote?: { hosts: string[]; user: string; passwordFile: string; caFile?: string };
  /** A name of its own (a cluster's servers, a leaf node): the file is then nats-server.<name>.conf. */
  serverName?: string;
  /** Its JetStream domain (central's cluster: hub; a leaf node: one of its own). */
  domain?: string;
  /** For the nodes of a leaf node: the domain of the key registry (central's). */
  keyRegistryDomain?: string;
}

export interface NatsConfigResult {
  file: string;
  created: string[];
  kept: string[];
  removed: string[];
}

/** A user's seed: kept from `<out>/<name>.nk` if there, else made and written (0600). */
function seedOf(out: string, name: string, created: string[], kept: string[]): string {
  const file = join(out, `${name}.nk`);
  if (existsSync(file)) {
    kept.push(name);
    return readFileSync(file, 'utf8').trim();
  }
  const seed = new TextDecoder().decode(createUser().getSeed());
  writeFileSync(file, `${seed}\n`);
  chmodSync(file, 0o600);
  created.push(name);
  return seed;
}

/** A leaf-node user's password: kept from `<out>/<user>.password` if there, else made and written (0600). */
function passwordOf(out: string, user: string, created: string[], kept: string[]): string {
  const file = join(out, `${user}.password`);
  if (existsSync(file)) {
    kept.push(user);
    return readFileSync(file, 'utf8').trim();
  }
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, `${password}\n`);
  chmodSync(file, 0o600);
  created.push(user);
  return password;
}

const publicKeyOf = (seed: string) => fromSeed(new TextEncoder().encode(seed)).getPublicKey();

/**
 * `nats config`: an NKey user per node (its seed in <out>/<node>.nk, for the node's
 * NATS_NKEY_SEED_FILE), one for the operator, and the nats-server configuration that gives
 * each node only its own subjects and consumer. Run again with another list of nodes, it
 * keeps the seeds it already made and deletes those of nodes no longer listed. With TLS it
 * makes a CA (kept once made), the broker's certificate and, if asked, each node's client
 * certificate (<node>.crt/.key).
 */
export function writeNatsConfig(options: NatsConfigOptions): NatsConfigResult {
  mkdirSync(options.out, { recursive: true });
  const created: string[] = [];
  const kept: string[] = [];
  const operator = seedOf(options.out, 'operator', created, kept);
  const nodes = options.nodes.map((nodeId) => ({
    nodeId,
    publicKey: publicKeyOf(seedOf(options.out, nodeId, created, kept)),
  }));
  const removed: string[] = [];
  for (const file of readdirSync(options.out)) {
    const match = /^(\d{6})\.(nk|crt|key|csr|ext)$/.exec(file);
    if (!match || options.nodes.includes(match[1])) continue;
    rmSync(join(options.out, file));
    if (match[2] === 'nk') removed.push(match[1]);
  }
  let tls: BrokerTls | undefined;
  if (options.tls) {
    const ca = ensureCa(options.out);
    const server = issueTlsCertificate(ca, options.out, 'server', { server: options.tls.hosts });
    if (options.tls.clientCertificates)
      for (const nodeId of [...options.nodes, 'operator'])
        issueTlsCertificate(ca, options.out, nodeId, { client: true });
    tls = { ...server, caFile: ca.certFile, verifyClients: options.tls.clientCertificates };
  }
  const leafUsers = (options.leafnodes?.users ?? []).map((user) => ({
    user,
    password: passwordOf(options.out, user, created, kept),
  }));
  const remote = options.leafRemote;
  const remotePassword = remote ? readFileSync(remote.passwordFile, 'utf8').trim() : '';
  const file = join(
    options.out,
    options.serverName ? `nats-server.${options.serverName}.conf` : 'nats-server.conf',
  );
  writeFileSync(
    file,
    natsServerConfig({
      federation: options.federation,
      listen: options.listen,
      storeDir: options.storeDir,
      operatorPublicKey: publicKeyOf(operator),
      nodes,
      tls,
      cluster: options.cluster,
      leafnodes:
        options.leafnodes || remote
          ? {
              listen: options.leafnodes?.listen,
              users: leafUsers,
              remotes: remote
                ? [
                    {
                      urls: remote.hosts.map(
                        (host) =>
                          `nats-leaf://${encodeURIComponent(remote.user)}:${encodeURIComponent(remotePassword)}@${host}`,
                      ),
                      caFile: remote.caFile,
                    },
                  ]
                : undefined,
            }
          : undefined,
      serverName: options.serverName,
      jetstreamDomain: options.domain,
      keyRegistryDomain: options.keyRegistryDomain,
    }),
  );
  return { file, created, kept, removed };
}
