import { NODE_LAUNCHER } from '../src/launch';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createUser, ROLES } from '@liandong/access';
import {
  accessTable,
  accessText,
  OpenApiPaths,
  parseAccessTable,
  routeAccess,
} from '../src/http/access-table';
import { InProcessFederation } from '@liandong/local-federation';
import { HEBEI_SAMPLE_TREE } from './support';

const ROOT = resolve(__dirname, '..', '..', '..');
const SECURITY = join(ROOT, 'docs', 'security.md');
const BEGIN = '<!-- route-table:begin -->';
const END = '<!-- route-table:end -->';
const PASSWORD = 'one role only, long enough';

/** The route table in docs/security.md, between its markers. */
function documentedTable(markdown: string): string {
  const start = markdown.indexOf(BEGIN);
  const end = markdown.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/security.md has no ${BEGIN} … ${END}`);
  return markdown.slice(start + BEGIN.length, end);
}

/**
 * docs/security.md lists every route and who may call it; the running node's OpenAPI document
 * (x-access) must say the same, and the guard must do what both say: a user holding one role
 * is refused (403 FORBIDDEN) exactly on the routes that role is not given.
 * LIANDONG_WRITE_ROUTE_TABLE=1 rewrites the table from the document.
 */
describe('the route matrix of docs/security.md', () => {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 1),
  });
  const NODE = '000000';
  let document: OpenApiPaths;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    await federation.start();
    document = (await federation.http(NODE, 'GET', '/api/docs-json')).body as OpenApiPaths;
    for (const role of ROLES) {
      await federation
        .dataSource(NODE)
        .transaction((m) =>
          createUser(
            m,
            { username: `only_${role}`, displayName: role, password: PASSWORD, roles: [role] },
            new Date(),
          ),
        );
      tokens.set(role, await federation.signIn(NODE, `only_${role}`, PASSWORD));
    }
  });
  afterAll(() => federation.stop());

  it('lists every route with the roles the node’s OpenAPI document gives it', () => {
    if (process.env.LIANDONG_WRITE_ROUTE_TABLE === '1') {
      const markdown = readFileSync(SECURITY, 'utf8');
      const old = `${BEGIN}${documentedTable(markdown)}${END}`;
      writeFileSync(
        SECURITY,
        markdown.replace(old, () => `${BEGIN}\n\n${accessTable(document)}\n\n${END}`),
      );
      execFileSync(join(ROOT, 'node_modules/.bin/prettier'), ['--write', SECURITY]);
    }
    const documented = parseAccessTable(documentedTable(readFileSync(SECURITY, 'utf8')));
    const served = new Map(routeAccess(document).map((row) => [row.route, accessText(row.access)]));
    const differences = [...new Set([...documented.keys(), ...served.keys()])]
      .filter((route) => documented.get(route) !== served.get(route))
      .map(
        (route) => `${route}: docs say ${documented.get(route)}, node says ${served.get(route)}`,
      );
    if (differences.length > 0)
      throw new Error(
        `docs/security.md's route table is not what the node serves (LIANDONG_WRITE_ROUTE_TABLE=1 npx jest -c apps/node/jest.config.ts route-matrix rewrites it):\n${differences.join('\n')}`,
      );
    expect(served.size).toBeGreaterThan(75);
  });

  it('refuses each role exactly where the table does not give it the route', async () => {
    const url = federation.node(NODE).url as string;
    const sampleId = '0190f5b0-0000-7000-8000-000000000000';
    const mismatches: string[] = [];
    let checked = 0;
    for (const row of routeAccess(document)) {
      if (row.access === 'public' || row.route.includes('/api/docs')) continue;
      const [method, template] = row.route.split(' ');
      const path = template.replace(/\{([^}]+)\}/g, (_, name: string) =>
        name === 'nodeId' ? '130121' : name === 'key' ? 'referral.acknowledge_days' : sampleId,
      );
      for (const role of ROLES) {
        const response = await fetch(`${url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${tokens.get(role)}`,
            ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
          },
          body: method === 'GET' ? undefined : '{}',
        });
        const body = (await response.json().catch(() => ({}))) as { error?: string };
        const refused = response.status === 403 && body.error === 'FORBIDDEN';
        const given = row.access === 'authenticated' || row.access.includes(role);
        checked += 1;
        if (refused === given)
          mismatches.push(
            `${row.route} as ${role}: ${response.status} ${body.error ?? ''} (table: ${given ? 'given' : 'not given'})`,
          );
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(70 * ROLES.length);
  });
});
