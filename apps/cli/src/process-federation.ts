import { NodeSpec } from '@liandong/protocol';
import { Client } from 'pg';
import { migrate, NodeProcess } from './node-process';
import { ensureUsers, generatePassword } from './users';

export interface FederationNode {
  spec: NodeSpec;
  process: NodeProcess;
  database: string;
  password: string;
  token?: string;
}

/**
 * A federation of node processes (the chaos run's, the netns run's): its nodes, reached over
 * HTTP as each node's office clerk, and their databases read straight for the final tally.
 */
export abstract class ProcessFederation {
  readonly nodes = new Map<string, FederationNode>();

  /** The URL, from here, of a node's own database. */
  abstract databaseUrl(nodeId: string): string;

  node(nodeId: string): FederationNode {
    const node = this.nodes.get(nodeId);
    if (!node) throw new Error(`no node ${nodeId} in this federation`);
    return node;
  }

  /** An HTTP call as the node's office clerk; undefined when the node does not answer. */
  async http<T = any>(
    nodeId: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T } | undefined> {
    const node = this.node(nodeId);
    try {
      node.token ??= await this.signIn(node);
      let response = await this.fetch(node, method, path, body);
      if (response.status === 401) {
        node.token = await this.signIn(node);
        response = await this.fetch(node, method, path, body);
      }
      return { status: response.status, body: (await response.json().catch(() => null)) as T };
    } catch {
      return undefined;
    }
  }

  private fetch(node: FederationNode, method: string, path: string, body?: unknown) {
    return fetch(`${node.process.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${node.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
  }

  private async signIn(node: FederationNode): Promise<string> {
    const response = await fetch(`${node.process.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'office', password: node.password }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json()) as { accessToken?: string };
    if (!body.accessToken) throw new Error(`sign-in at ${node.spec.nodeId} failed`);
    return body.accessToken;
  }

  /** A query on a node's own database, straight (for the final tally). */
  async query<T>(nodeId: string, sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrl(nodeId) });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
}

/** A node's database made ready: its schema migrated and its office clerk's account; returns the clerk's password. */
export async function prepareNodeDatabase(url: string, spec: NodeSpec): Promise<string> {
  migrate(url);
  const password = generatePassword();
  await ensureUsers(url, [
    {
      username: 'office',
      displayName: `${spec.name}巡视巡察办`,
      password,
      roles: ['inspection_office', 'leading_group'],
    },
  ]);
  return password;
}
