import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provisionTree } from '@liandong/protocol';
import { HEBEI_SAMPLE_TREE } from '@liandong/local-federation';
import { ConfigError } from '../config/node.config';
import { planHost } from './host-file';

describe('the host file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'liandong-host-file-'));
  const bundles = provisionTree(HEBEI_SAMPLE_TREE.slice(0, 4));
  const identity = (nodeId: string) => {
    const path = join(dir, `${nodeId}.json`);
    writeFileSync(path, JSON.stringify(bundles.get(nodeId)));
    return path;
  };
  const problemsOf = (run: () => unknown): string[] => {
    try {
      run();
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it('plans each node from common settings and its own, with a port of its own where it sets one', () => {
    const plan = planHost({
      httpPort: 3000,
      common: { NATS_URL: 'nats://n:4222', FEDERATION: 'prod' },
      nodes: [
        { LIANDONG_IDENTITY_FILE: identity('130121'), DATABASE_URL: 'postgres://u@db/a' },
        {
          LIANDONG_IDENTITY_FILE: identity('130100'),
          DATABASE_URL: 'postgres://u@db/b',
          HTTP_PORT: 3100,
        },
      ],
    });
    expect(plan.nodes.map((n) => n.settings.identity.nodeId)).toEqual(['130121', '130100']);
    expect(plan.nodes[0].settings.config.FEDERATION).toBe('prod');
    expect(plan.nodes[0].options.ownPort).toBeUndefined();
    expect(plan.nodes[1].options.ownPort).toBe(3100);
  });

  it('names the node and the field of every problem, and refuses a node listed twice', () => {
    const file = identity('130121');
    const problems = problemsOf(() =>
      planHost({
        nodes: [
          { LIANDONG_IDENTITY_FILE: file, DATABASE_URL: 'mysql://nope' },
          { LIANDONG_IDENTITY_FILE: file, DATABASE_URL: 'postgres://u@db/a' },
          { LIANDONG_IDENTITY_FILE: file, DATABASE_URL: 'postgres://u@db/b' },
        ],
      }),
    );
    expect(problems[0]).toBe(
      `nodes[0] (${file}) DATABASE_URL: DATABASE_URL must be a postgres:// URL of this node’s own database`,
    );
    expect(problems[1]).toMatch(/^node 130121 \(nodes\[2\].*the same node as nodes\[1\]/);
    expect(problems).toHaveLength(2);
    expect(problemsOf(() => planHost({ nodes: [] }))).toEqual([
      'the host file: nodes must list at least one node',
    ]);
  });
});
