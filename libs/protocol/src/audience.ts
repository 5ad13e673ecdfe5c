import { NODE_ID_PATTERN } from './tier';

/**
 * Who an envelope is for: one node (`node:130121`) or every node below and including a
 * subtree root (`subtree:130100`). Sequences are counted per (issuer, audience) string.
 */
export type Audience = `node:${string}` | `subtree:${string}`;

export interface ParsedAudience {
  scope: 'node' | 'subtree';
  nodeId: string;
}

export function parseAudience(audience: string): ParsedAudience | undefined {
  const match = /^(node|subtree):(\d{6})$/.exec(audience);
  if (!match || !NODE_ID_PATTERN.test(match[2])) return undefined;
  return { scope: match[1] as 'node' | 'subtree', nodeId: match[2] };
}

export function nodeAudience(nodeId: string): Audience {
  return `node:${nodeId}`;
}

export function subtreeAudience(nodeId: string): Audience {
  return `subtree:${nodeId}`;
}

/** Whether a node whose path from central is `path` (central first, itself last) is addressed. */
export function audienceIncludes(audience: string, path: readonly string[]): boolean {
  const parsed = parseAudience(audience);
  if (!parsed || path.length === 0) return false;
  return parsed.scope === 'node'
    ? path[path.length - 1] === parsed.nodeId
    : path.includes(parsed.nodeId);
}
