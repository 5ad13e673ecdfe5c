import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { NodeSpec } from '@liandong/protocol';
import { waitFor } from '@liandong/local-services';

export const ROOT = resolve(__dirname, '..', '..', '..', '..');

/** The first free TCP port on 127.0.0.1 from `from` on. */
export async function freePortFrom(from: number): Promise<number> {
  for (let port = from; port < from + 1000; port += 1) {
    const free = await new Promise<boolean>((ok) => {
      const server = createServer()
        .once('error', () => ok(false))
        .once('listening', () => server.close(() => ok(true)));
      server.listen(port, '127.0.0.1');
    });
    if (free) return port;
  }
  throw new Error(`no free port from ${from}`);
}

/** Schema changes are an explicit step: the node's own migrate program, before the node starts. */
export function migrate(databaseUrl: string): void {
  execFileSync(
    process.execPath,
    ['-r', join(ROOT, 'deploy/runtime/paths.js'), join(ROOT, 'dist/apps/node/src/migrate.js')],
    { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

export async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

export interface NodeProcessOptions {
  spec: NodeSpec;
  identityFile: string;
  databaseUrl: string;
  natsUrl: string;
  federation: string;
  port: number;
  log: string;
  /** More settings of the node (environment variables). */
  env?: Record<string, string>;
  /** A command prefix to run it under (`ip netns exec <namespace>`: a host of its own). */
  runUnder?: string[];
  /** The address it listens on and is reached at (127.0.0.1 unless set). */
  host?: string;
}

/** One node as its own operating-system process (`dist/apps/node/src/main.js`), logging to a file. */
export class NodeProcess {
  private child?: ChildProcess;

  constructor(readonly options: NodeProcessOptions) {}

  get url(): string {
    return `http://${this.options.host ?? '127.0.0.1'}:${this.options.port}`;
  }

  get pid(): number {
    return this.child?.pid ?? 0;
  }

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  start(): void {
    const { options } = this;
    const out = openSync(options.log, 'a');
    const [program, ...args] = [
      ...(options.runUnder ?? []),
      process.execPath,
      '-r',
      join(ROOT, 'deploy/runtime/paths.js'),
      join(ROOT, 'dist/apps/node/src/main.js'),
    ];
    this.child = spawn(program, args, {
      cwd: ROOT,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        LIANDONG_IDENTITY_FILE: options.identityFile,
        DATABASE_URL: options.databaseUrl,
        NATS_URL: options.natsUrl,
        FEDERATION: options.federation,
        HTTP_PORT: String(options.port),
        HTTP_HOST: options.host ?? '127.0.0.1',
        ...options.env,
      },
    });
    closeSync(out);
  }

  async waitHealthy(timeoutMs = 60_000): Promise<void> {
    const { spec, log } = this.options;
    await waitFor(
      `node ${spec.nodeId} to answer /health (log: ${log})`,
      async () => {
        if (!this.running) throw new Error(`node ${spec.nodeId} is not running; see ${log}`);
        return isHealthy(this.url);
      },
      { timeoutMs, intervalMs: 250 },
    );
  }

  /** Sends a signal and, for one that ends the process, waits until it has ended. */
  async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const ends = signal === 'SIGKILL' || signal === 'SIGTERM' || signal === 'SIGINT';
    const exited = ends ? new Promise((ok) => child.once('exit', ok)) : undefined;
    child.kill(signal);
    await exited;
  }

  /** A clean stop (SIGTERM: the node finishes its batch and closes its connections). */
  stop(): Promise<void> {
    return this.signal('SIGTERM');
  }
}
