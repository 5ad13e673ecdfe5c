import { readFileSync } from 'node:fs';
import { NodeSettings } from '../app.module';
import { ConfigError, loadNodeConfig } from '../config/node.config';
import { readIdentityFile } from '../config/identity-file';
import { HostedNodeOptions } from './node-host';

/**
 * LIANDONG_HOST_FILE: the nodes one process serves (a city's data centre hosting its counties).
 *
 *   { "httpHost": "0.0.0.0", "httpPort": 3000,
 *     "common": { "NATS_URL": "nats://…", "FEDERATION": "prod" },
 *     "nodes": [ { "LIANDONG_IDENTITY_FILE": "/etc/liandong/130121.json",
 *                  "DATABASE_URL": "postgres://…/liandong_130121", … }, … ] }
 *
 * Each node's entry takes the variables of a node alone (docs/operations.md, "Running one
 * node"), over `common`; a node whose entry sets HTTP_PORT also listens on a port of its own.
 */
export interface HostFile {
  httpHost?: string;
  httpPort?: number;
  common?: Record<string, string | number | boolean>;
  nodes: Array<Record<string, string | number | boolean>>;
}

export interface HostPlan {
  httpHost: string;
  httpPort: number;
  nodes: Array<{ settings: NodeSettings; options: HostedNodeOptions }>;
}

const asEnv = (entry: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(entry)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([key, value]) => [key, String(value)]),
  );

/** Reads and checks a host file: every problem of every node at once, each naming its node. */
export function readHostFile(path: string): HostPlan {
  let file: HostFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as HostFile;
  } catch (error) {
    throw new ConfigError([`LIANDONG_HOST_FILE ${path}: ${(error as Error).message}`]);
  }
  return planHost(file, path);
}

export function planHost(file: HostFile, path = 'the host file'): HostPlan {
  const problems: string[] = [];
  const port = file.httpPort ?? 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`${path}: httpPort must be a port number (0–65535)`);
  if (file.httpHost !== undefined && typeof file.httpHost !== 'string')
    problems.push(`${path}: httpHost must be an address to listen on, e.g. 0.0.0.0`);
  if (!Array.isArray(file.nodes) || file.nodes.length === 0)
    problems.push(`${path}: nodes must list at least one node`);
  const nodes: HostPlan['nodes'] = [];
  const seen = new Map<string, string>();
  (Array.isArray(file.nodes) ? file.nodes : []).forEach((entry, index) => {
    const env = { ...asEnv(file.common ?? {}), ...asEnv(entry ?? {}) };
    const label = `nodes[${index}]${env.LIANDONG_IDENTITY_FILE ? ` (${env.LIANDONG_IDENTITY_FILE})` : ''}`;
    let config;
    try {
      config = loadNodeConfig(env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems.map((problem) => `${label} ${problem}`));
      return;
    }
    let identity;
    try {
      identity = readIdentityFile(config.LIANDONG_IDENTITY_FILE);
    } catch (error) {
      problems.push(`${label} LIANDONG_IDENTITY_FILE: ${(error as Error).message}`);
      return;
    }
    const nodeLabel = `node ${identity.nodeId} (${label})`;
    const twin = seen.get(identity.nodeId);
    if (twin) {
      problems.push(`${nodeLabel}: the same node as ${twin}; a host serves each node once`);
      return;
    }
    seen.set(identity.nodeId, label);
    let natsSeed: string | undefined;
    if (config.NATS_NKEY_SEED_FILE) {
      try {
        natsSeed = readFileSync(config.NATS_NKEY_SEED_FILE, 'utf8').trim();
      } catch (error) {
        problems.push(`${nodeLabel} NATS_NKEY_SEED_FILE: ${(error as Error).message}`);
        return;
      }
    }
    nodes.push({
      settings: { config, identity, natsSeed },
      options: entry && 'HTTP_PORT' in entry ? { ownPort: config.HTTP_PORT } : {},
    });
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return { httpHost: file.httpHost ?? '127.0.0.1', httpPort: port, nodes };
}
