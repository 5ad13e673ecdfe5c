import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { connect as netConnect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './wait-for';

/**
 * A nats-server and a PostgreSQL of a test's (or the chaos run's) own, on free ports and data
 * directories of their own: what a test that kills, wipes or restarts a service uses, so that
 * it stops only what it started.
 */

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts TCP connections on host:port (no credentials needed). */
export function portAnswers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect(port, host)
      .once('connect', () => {
        socket.destroy();
        resolve(true);
      })
      .once('error', () => resolve(false));
  });
}

const NATS_SERVER = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';

/**
 * Where a service of our own runs when not on this machine's loopback: under a command prefix
 * (`ip netns exec <namespace>`: a host of its own in the netns federation), reached from here
 * at `host`; PostgreSQL then also trusts connections from `trustNetwork` (a CIDR).
 */
export interface ServicePlacement {
  runUnder: string[];
  host: string;
  trustNetwork?: string;
}

function spawnUnder(placement: ServicePlacement | undefined, command: string, args: string[]) {
  const [program, ...prefix] = [...(placement?.runUnder ?? []), command, ...args];
  return { program, args: prefix };
}

/** A nats-server with JetStream on a free port and a store directory of its own. */
export class OwnNatsServer {
  private process?: ChildProcess;
  constructor(
    readonly port: number,
    /** A configuration file (accounts, users, permissions); without it, an open server. */
    private readonly configFile?: string,
    readonly dir = mkdtempSync(join(tmpdir(), 'liandong-nats-')),
    private readonly placement?: ServicePlacement,
  ) {}

  get url(): string {
    return `nats://${this.placement?.host ?? '127.0.0.1'}:${this.port}`;
  }

  get running(): boolean {
    return this.process !== undefined && this.process.exitCode === null;
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  async start(): Promise<void> {
    const args = this.configFile
      ? ['-c', this.configFile]
      : ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.dir];
    const command = spawnUnder(this.placement, NATS_SERVER, args);
    this.process = spawn(command.program, command.args, { stdio: 'ignore' });
    await waitFor('the nats-server of our own to accept connections', () =>
      portAnswers(this.port, this.placement?.host),
    );
  }

  /** kill -9: what a crash does. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Empties its directory but for configuration files (stop it first): a broker that lost its store. */
  wipeStore(): void {
    for (const entry of readdirSync(this.dir))
      if (!entry.endsWith('.conf')) rmSync(join(this.dir, entry), { recursive: true });
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const PG_BIN = process.env.PG_BIN ?? findPgBin();

function findPgBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions.length > 0 ? join(root, versions[0], 'bin') : '';
}

/**
 * A PostgreSQL cluster of our own: initdb into a fresh directory, trust authentication on
 * 127.0.0.1 only, started and stopped with pg_ctl. PostgreSQL refuses to run as root, so
 * as root the cluster belongs to the `postgres` user.
 */
export class OwnPostgres {
  readonly dir = mkdtempSync(join(tmpdir(), 'liandong-pg-'));
  private readonly data = join(this.dir, 'data');
  private readonly asPostgres = process.getuid?.() === 0;

  constructor(
    readonly port: number,
    private readonly placement?: ServicePlacement,
  ) {}

  /** The maintenance database's URL (from here: at the placement's host when placed). */
  get adminUrl(): string {
    return `postgres://postgres@${this.placement?.host ?? '127.0.0.1'}:${this.port}/postgres`;
  }

  async init(): Promise<void> {
    if (!PG_BIN) throw new Error('PostgreSQL server binaries not found (set PG_BIN)');
    if (this.asPostgres) {
      chmodSync(this.dir, 0o755);
      const { uid, gid } = postgresUser();
      chownSync(this.dir, uid, gid);
    }
    this.run('initdb', [
      '-D',
      this.data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '--no-sync',
      '-E',
      'UTF8',
    ]);
    if (this.placement?.trustNetwork)
      appendFileSync(
        join(this.data, 'pg_hba.conf'),
        `host all all ${this.placement.trustNetwork} trust\n`,
      );
    await this.start();
  }

  async start(): Promise<void> {
    this.run('pg_ctl', [
      '-D',
      this.data,
      '-l',
      join(this.dir, 'log'),
      '-o',
      `-p ${this.port} -c listen_addresses=${['127.0.0.1', this.placement?.host].filter(Boolean).join(',')} -c unix_socket_directories='${this.dir}' -c fsync=off`,
      '-w',
      'start',
    ]);
    await waitFor('our own PostgreSQL to accept connections', () =>
      portAnswers(this.port, this.placement?.host),
    );
  }

  /** A clean shutdown (`-m fast`: connections are cut, as in a restart by an operator). */
  async stop(): Promise<void> {
    this.run('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', 'stop']);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  cleanup(): void {
    try {
      this.run('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private run(program: string, args: string[]): void {
    const command = this.asPostgres
      ? spawnUnder(this.placement, 'runuser', [
          '-u',
          'postgres',
          '--',
          join(PG_BIN, program),
          ...args,
        ])
      : spawnUnder(this.placement, join(PG_BIN, program), args);
    execFileSync(command.program, command.args, { stdio: 'pipe' });
  }
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
  return { uid: id('-u'), gid: id('-g') };
}

/** `pg_dump` of one database to a file (custom format), and its restore into a fresh database. */
export function dumpDatabase(url: string, file: string): void {
  execFileSync('pg_dump', ['--format=custom', `--file=${file}`, url], { stdio: 'pipe' });
}

export function restoreDatabase(url: string, file: string): void {
  execFileSync('pg_restore', ['--no-owner', `--dbname=${url}`, file], { stdio: 'pipe' });
}
