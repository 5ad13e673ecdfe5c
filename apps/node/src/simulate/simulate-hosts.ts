import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { CENTRAL_NODE_ID, NodeSpec } from '@liandong/protocol';
import { provinceOf } from './national-brokers';
import { HostCommand, HostCommands } from './simulate-worker';

const WORKERS = 2;

/** A light host as the orchestrator asks it things: a process of its own, or in this one. */
export interface Worker {
  readonly nodes: NodeSpec[];
  ask<T>(command: HostCommand, answer: string): Promise<T>;
  /** Throws if the host is gone (a poll's probe asks, so a dead host ends the run at once). */
  check(): void;
  /** Ends it at once, whatever it is doing (after a stop that failed). */
  kill(): void;
}

/** A light host in this process (a small tree, in a test): the same commands, answered here. */
export class InProcessWorker implements Worker {
  private readonly commands = new HostCommands();

  constructor(readonly nodes: NodeSpec[]) {}

  ask<T>(command: HostCommand): Promise<T> {
    return this.commands.answer(command) as Promise<T>;
  }

  check(): void {
    // A failure here is thrown to whoever asked.
  }

  kill(): void {
    // Nothing outlives the stop of an in-process host.
  }
}

/** One light-host process (simulate-worker.ts) and the questions the orchestrator asks it. */
export class ProcessWorker implements Worker {
  private readonly waiting = new Map<
    string,
    { resolve: (m: any) => void; reject: (e: Error) => void }
  >();
  readonly process: ChildProcess;
  /** Why the host is gone, if it is. */
  failure?: Error;

  constructor(readonly nodes: NodeSpec[]) {
    this.process = fork(join(__dirname, 'simulate-worker.js'), { stdio: 'inherit' });
    this.process.on('message', (message: { event: string; error?: string }) => {
      if (message.event === 'failed') this.fail(`a light host failed: ${message.error}`);
      else this.waiting.get(message.event)?.resolve(message);
    });
    this.process.on('exit', (code) => this.fail(`a light host exited (${code})`));
  }

  ask<T>(command: HostCommand, answer: string): Promise<T> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiting.set(answer, { resolve, reject });
      this.process.send(command);
    });
  }

  check(): void {
    if (this.failure) throw this.failure;
  }

  kill(): void {
    this.process.kill('SIGKILL');
  }

  private fail(reason: string): void {
    this.failure ??= new Error(reason);
    for (const { reject } of this.waiting.values()) reject(this.failure);
    this.waiting.clear();
  }
}

/** Provinces to hosts, the largest subtree first to the lighter host, so both carry the same. */
export function splitByProvince(tree: NodeSpec[]): NodeSpec[][] {
  const byProvince = new Map<string, NodeSpec[]>();
  for (const node of tree)
    if (node.nodeId !== CENTRAL_NODE_ID) {
      const province = provinceOf(node.nodeId);
      byProvince.set(province, [...(byProvince.get(province) ?? []), node]);
    }
  const hosts: NodeSpec[][] = Array.from({ length: WORKERS }, () => []);
  for (const nodes of [...byProvince.values()].sort((a, b) => b.length - a.length))
    hosts.sort((a, b) => a.length - b.length)[0].push(...nodes);
  // Parents before children: a host registers and forwards in tree order.
  return hosts
    .filter((nodes) => nodes.length > 0)
    .map((nodes) => nodes.sort((a, b) => a.nodeId.localeCompare(b.nodeId)));
}

export function alive(workers: Worker[]): true {
  for (const w of workers) w.check();
  return true;
}
