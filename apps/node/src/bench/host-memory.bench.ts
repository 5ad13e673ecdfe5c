import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { HEBEI_SAMPLE_TREE } from '@liandong/local-federation';
import {
  adminDatabaseUrl,
  createDatabase,
  databaseUrl,
  dropDatabase,
  freePort,
} from '@liandong/local-services';
import { keyRegistryBucket, provisionTree, streamName } from '@liandong/protocol';
import { NODE_LAUNCHER } from '../launch';
import type { HostFile } from '../host/host-file';
import { NATS_URL, poll } from './bench-support';

const ROOT = resolve(__dirname, '../../../../..');
const MIB = 1024 ** 2;

export interface HostMemory {
  nodes: number;
  /** Resident memory of one node alone in its process (dist/apps/node/src/main.js), MiB. */
  alone: number;
  /** Resident memory of one host process serving `nodes` nodes (host-main.js), MiB. */
  host: number;
  perNode: number;
  /** perNode / alone: what a hosted node costs against a process of its own. */
  ratio: number;
  /** How the host ended on SIGTERM (`exit 0`: every node closed), and how long it took. */
  hostStop: { ended: string; seconds: number };
}

function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

/** Starts a program of dist/ as `npm start` would, with a GC on SIGWINCH (gc-on-signal.ts). */
function run(program: string, env: Record<string, string>): { child: ChildProcess; log: string[] } {
  const log: string[] = [];
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '-r',
      join(ROOT, 'deploy/runtime/paths.js'),
      '-r',
      join(ROOT, 'dist/apps/node/src/bench/gc-on-signal.js'),
      join(ROOT, program),
    ],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  return { child, log };
}

async function healthy(urls: string[], child: ChildProcess, log: string[]): Promise<void> {
  await poll(
    `${urls.join(', ')} to be healthy`,
    async () => {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(
          `the process exited (${child.exitCode ?? child.signalCode}):\n${log.join('').slice(-3000)}`,
        );
      for (const url of urls) {
        const ok = await fetch(`${url}/health`).then(
          (r) => r.status === 200,
          () => false,
        );
        if (!ok) return false;
      }
      return true;
    },
    180_000,
  );
}

/** Resident memory once settled: a few GCs apart, the smallest reading (MiB). */
async function settledResident(child: ChildProcess, log: string[]): Promise<number> {
  await new Promise((r) => setTimeout(r, 5_000));
  const readings: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    child.kill('SIGWINCH');
    await new Promise((r) => setTimeout(r, 1_000));
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `the process ended (${child.exitCode ?? child.signalCode}):\n${log.join('').slice(-3000)}`,
      );
    readings.push(residentBytes(child.pid as number));
  }
  return Math.min(...readings) / MIB;
}

/** Stops a process with SIGTERM (SIGKILL after 30 s): how it ended, and after how long. */
async function stopped(child: ChildProcess): Promise<{ ended: string; seconds: number }> {
  const started = Date.now();
  const ended = () => ({
    ended: child.signalCode ?? `exit ${child.exitCode}`,
    seconds: (Date.now() - started) / 1000,
  });
  if (child.exitCode !== null || child.signalCode !== null) return ended();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
  return ended();
}

/**
 * Memory of one host serving the six-node federation (HEBEI_SAMPLE_TREE) against one node
 * alone in its process: both real, on PostgreSQL and NATS, on fresh databases of a federation
 * of their own, measured after every node is healthy and a GC has settled.
 */
export async function hostMemory(): Promise<HostMemory> {
  const federation = `m${randomBytes(5).toString('hex')}`;
  const adminUrl = adminDatabaseUrl();
  const tree = HEBEI_SAMPLE_TREE;
  const bundles = provisionTree(tree);
  const dir = mkdtempSync(join(tmpdir(), 'liandong-host-bench-'));
  const dbName = (nodeId: string) => `ld_${federation}_${nodeId}`;
  const settings = (nodeId: string): Record<string, string> => {
    const identityFile = join(dir, `${nodeId}.identity.json`);
    writeFileSync(identityFile, JSON.stringify(bundles.get(nodeId)), { mode: 0o600 });
    return {
      LIANDONG_IDENTITY_FILE: identityFile,
      DATABASE_URL: databaseUrl(adminUrl, dbName(nodeId)),
      NATS_URL,
      FEDERATION: federation,
      LOG_LEVEL: 'warn',
      CONSOLE_DIR: join(ROOT, 'dist/console'),
    };
  };
  const running: ChildProcess[] = [];
  try {
    for (const { nodeId } of tree)
      await createDatabase(adminUrl, dbName(nodeId), { template: NODE_LAUNCHER.template });

    // Baseline: central alone, as `node dist/apps/node/src/main.js` runs it.
    const port = await freePort();
    const alone = run('dist/apps/node/src/main.js', {
      ...settings(tree[0].nodeId),
      HTTP_PORT: String(port),
    });
    running.push(alone.child);
    await healthy([`http://127.0.0.1:${port}`], alone.child, alone.log);
    const aloneMiB = await settledResident(alone.child, alone.log);
    await stopped(alone.child);

    // One host, the six nodes.
    const hostPort = await freePort();
    const hostFile: HostFile = {
      httpHost: '127.0.0.1',
      httpPort: hostPort,
      nodes: tree.map(({ nodeId }) => settings(nodeId)),
    };
    const hostFilePath = join(dir, 'host.json');
    writeFileSync(hostFilePath, JSON.stringify(hostFile, null, 2));
    const host = run('dist/apps/node/src/host-main.js', { LIANDONG_HOST_FILE: hostFilePath });
    running.push(host.child);
    await healthy(
      tree.map(({ nodeId }) => `http://127.0.0.1:${hostPort}/nodes/${nodeId}`),
      host.child,
      host.log,
    );
    const hostMiB = await settledResident(host.child, host.log);
    const hostStop = await stopped(host.child);
    const perNode = hostMiB / tree.length;
    return {
      nodes: tree.length,
      alone: aloneMiB,
      host: hostMiB,
      perNode,
      ratio: perNode / aloneMiB,
      hostStop,
    };
  } finally {
    for (const child of running) await stopped(child).catch(() => undefined);
    for (const { nodeId } of tree)
      await dropDatabase(adminUrl, dbName(nodeId)).catch(() => undefined);
    const nc = await connect({ servers: NATS_URL });
    try {
      const jsm = await jetstreamManager(nc);
      await jsm.streams.delete(streamName(federation)).catch(() => undefined);
      await jsm.streams.delete(`KV_${keyRegistryBucket(federation)}`).catch(() => undefined);
    } finally {
      await nc.close();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
