import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { CENTRAL_NODE_ID, NodeSpec } from '@liandong/protocol';

const WORKERS = 2;

/** One light-host process (simulate-worker.ts) and the questions the orchestrator asks it. */
export class Worker {
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

  ask<T>(command: object, answer: string): Promise<T> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiting.set(answer, { resolve, reject });
      this.process.send(command);
    });
  }

  /** Throws if the host is gone (a poll's probe asks, so a dead host ends the run at once). */
  check(): void {
    if (this.failure) throw this.failure;
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
      const province = `${node.nodeId.slice(0, 2)}0000`;
      byProvince.set(province, [...(byProvince.get(province) ?? []), node]);
    }
  const hosts: NodeSpec[][] = Array.from({ length: WORKERS }, () => []);
  for (const nodes of [...byProvince.values()].sort((a, b) => b.length - a.length))
    hosts.sort((a, b) => a.length - b.length)[0].push(...nodes);
  // Parents before children: a host registers and forwards in tree order.
  return hosts.map((nodes) => nodes.sort((a, b) => a.nodeId.localeCompare(b.nodeId)));
}

export function alive(workers: Worker[]): true {
  for (const w of workers) w.check();
  return true;
}
