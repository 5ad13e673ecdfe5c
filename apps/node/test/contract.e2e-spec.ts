import { NODE_LAUNCHER } from '../src/launch';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createUser, ROLES } from '@liandong/access';
import { InProcessFederation } from '@liandong/local-federation';
import { HEBEI_SAMPLE_TREE, waitForRegistrations } from './support';

const ROOT = resolve(__dirname, '..', '..', '..');
const CJK = /[\u4e00-\u9fff]/;

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
}
interface Operation {
  summary?: string;
  'x-access'?: unknown;
  parameters?: Array<{ name: string; in: 'path' | 'query'; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** What a careless or malicious caller sends: each value goes into every field it can. */
const HOSTILE: unknown[] = [
  'a\u0000b',
  '\u0007响铃',
  'x\ud800y',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '2026-02-30',
  '2026-13-01',
  '   ',
  '',
  1e308,
  -1e308,
  -5,
  0,
  2.5,
  true,
  null,
  {},
  [],
  ['a\u0000'],
  { nested: 'a\u0000b' },
];
const LONG_URL_VALUE = 'x'.repeat(5000);
/** Path and query values, already percent-encoded (%ED%A0%80: a lone surrogate's bytes). */
const URL_VALUES = [
  'a%00b',
  'a%07b',
  'x%ED%A0%80y',
  '%FF%FE',
  LONG_URL_VALUE,
  '2026-02-30',
  '-1',
  '1e308',
  '2.5',
  '..%2F..%2Fetc%2Fpasswd',
  "1'%20OR%20'1'%3D'1",
];
const HUGE_TEXT = '长'.repeat(400_000); // 1.2 MB in UTF-8: over the body limit

/**
 * The API is a contract: its OpenAPI document passes Redocly's recommended lint, a client
 * generated from it with openapi-typescript type-checks a small flow, every operation says
 * what it does and what it returns, and every route answers hostile input with a 4xx that
 * carries a code and a Chinese message — never a 5xx — and stores nothing.
 */
describe('the API as a contract', () => {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 4),
    messaging: { auditWitnessIntervalMs: 0 },
  });
  const dir = mkdtempSync(join(tmpdir(), 'liandong-contract-'));
  const NODE = '130100';
  let document: OpenApi;
  let token: string;

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, '000000');
    // A user holding every role, so that every route's input is actually read.
    await federation.dataSource(NODE).transaction((m) =>
      createUser(
        m,
        {
          username: 'walker',
          displayName: '巡检',
          password: 'walker password 1',
          roles: [...ROLES],
        },
        new Date(),
      ),
    );
    token = await federation.signIn(NODE, 'walker', 'walker password 1');
    document = (await federation.http(NODE, 'GET', '/api/docs-json')).body as OpenApi;
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
  });
  afterAll(async () => {
    await federation.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );

  it('passes Redocly’s recommended lint', () => {
    const lint = spawnSync(
      join(ROOT, 'node_modules/.bin/redocly'),
      ['lint', '--config', join(ROOT, 'redocly.yaml'), join(dir, 'openapi.json')],
      {
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
    const output = `${lint.stdout}${lint.stderr}`;
    if (lint.status !== 0) throw new Error(`redocly lint failed:\n${output}`);
    expect(output).toMatch(/valid/i);
  });

  it('says for every operation what it does, what it returns and how it refuses', () => {
    const gaps: string[] = [];
    for (const { path, method, operation } of operations()) {
      const name = `${method.toUpperCase()} ${path}`;
      if (!operation.summary || !CJK.test(operation.summary)) gaps.push(`${name}: no zh summary`);
      const ok = Object.entries(operation.responses).filter(([status]) => /^2/.test(status));
      if (ok.length === 0) gaps.push(`${name}: no success response`);
      for (const [status, response] of ok)
        if (status !== '204' && !response.content) gaps.push(`${name}: ${status} has no schema`);
      // Only an open route that takes no input at all cannot refuse (health, the node's name).
      const cannotRefuse =
        operation['x-access'] === 'public' &&
        !operation.parameters?.length &&
        !operation.requestBody;
      if (!cannotRefuse && !Object.keys(operation.responses).some((s) => /^4/.test(s)))
        gaps.push(`${name}: no 4xx response`);
    }
    expect(gaps).toEqual([]);
  });

  it('generates a typed client that type-checks a small flow', () => {
    execFileSync(
      join(ROOT, 'node_modules/.bin/openapi-typescript'),
      [join(dir, 'openapi.json'), '-o', join(dir, 'schema.d.ts')],
      { stdio: 'pipe' },
    );
    writeFileSync(
      join(dir, 'flow.ts'),
      `import type { paths } from './schema';
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Tokens = Json<paths['/auth/login']['post']['responses']['200']>;
type Issue = NonNullable<paths['/directives']['post']['requestBody']>['content']['application/json'];
type Status = Json<paths['/directives/{id}/status']['get']['responses']['200']>;
type Refusal = Json<paths['/directives']['post']['responses']['400']>;
export function bearer(tokens: Tokens): string { return 'Bearer ' + tokens.accessToken; }
export const issue: Issue = {
  title: '关于开展新一轮巡察的部署', body: '正文', scope: 'subtree',
  reportDueAt: '2027-01-31T00:00:00+08:00', issuedBy: '巡察办',
};
export function acknowledged(status: Status): number {
  return status.nodes.filter((n) => n.acknowledged).length + status.totals.acknowledged;
}
export function explain(refusal: Refusal): string { return refusal.error + '：' + refusal.message; }
`,
    );
    try {
      execFileSync(
        join(ROOT, 'node_modules/.bin/tsc'),
        [
          '--noEmit',
          '--strict',
          '--skipLibCheck',
          '--target',
          'es2022',
          '--moduleResolution',
          'node',
          join(dir, 'flow.ts'),
        ],
        { stdio: 'pipe', encoding: 'utf8' },
      );
    } catch (error) {
      throw new Error(
        `the generated client does not type-check:\n${(error as { stdout?: string }).stdout}`,
      );
    }
  });

  async function tableCounts(): Promise<Record<string, number>> {
    const dataSource = federation.dataSource(NODE);
    const tables: Array<{ tablename: string }> = await dataSource.query(
      // Not counted: the audit log (each refusal is recorded there, as it should be) and the
      // messaging tables, which the federation moves by itself (receipts, registrations).
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public'
         AND tablename NOT IN ('audit_entry', 'audit_head', 'migrations', 'typeorm_metadata',
           'outbox', 'inbox', 'inbox_cursor', 'sequence_counter', 'sequence_log', 'held_event',
           'dead_letter', 'node_state', 'trusted_certificate', 'key_revocation',
           'federation_node', 'audit_witness', 'child_coverage')`,
    );
    const counts: Record<string, number> = {};
    for (const { tablename } of tables) {
      const [{ n }] = await dataSource.query(`SELECT count(*) AS n FROM "${tablename}"`);
      counts[tablename] = Number(n);
    }
    return counts;
  }

  it('answers hostile input on every route with a 4xx, a code and a Chinese message, and stores nothing', async () => {
    const url = federation.node(NODE).url as string;
    const before = await tableCounts();
    const failures: string[] = [];
    let requests = 0;
    let fiveHundreds = 0;
    const send = async (method: string, path: string, body?: unknown, raw?: string) => {
      requests += 1;
      const response = await fetch(`${url}${path}`, {
        method: method.toUpperCase(),
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined || raw !== undefined
            ? { 'content-type': 'application/json' }
            : {}),
        },
        body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      const text = await response.text();
      const where = `${method.toUpperCase()} ${path.slice(0, 120)} ${raw ? '(raw)' : JSON.stringify(body)?.slice(0, 80)}`;
      if (response.status >= 500) {
        fiveHundreds += 1;
        failures.push(`${response.status} ${where}: ${text.slice(0, 200)}`);
        return;
      }
      if (response.status < 400) return;
      let parsed: { error?: string; message?: string } = {};
      try {
        parsed = JSON.parse(text);
      } catch {
        failures.push(`${response.status} not JSON ${where}`);
        return;
      }
      if (!parsed.error || !parsed.message || !CJK.test(parsed.message))
        failures.push(
          `${response.status} without a code or a Chinese message ${where}: ${text.slice(0, 200)}`,
        );
    };
    const sampleId = '0190f5b0-0000-7000-8000-000000000000';
    for (const { path, method, operation } of operations()) {
      if (path.startsWith('/api/docs')) continue;
      const concrete = (value: string) =>
        path
          .replace(/\{[^}]+\}/g, (param) =>
            param === '{key}' || param === '{nodeId}' ? '130121' : sampleId,
          )
          .replace(sampleId, value);
      // Path parameters, then query parameters one at a time.
      if (path.includes('{'))
        for (const value of URL_VALUES) await send(method, path.replace(/\{[^}]+\}/g, value));
      const base = concrete(sampleId);
      for (const param of (operation.parameters ?? []).filter((p) => p.in === 'query'))
        for (const value of URL_VALUES) await send(method, `${base}?${param.name}=${value}`);
      // JSON bodies: every property at once set to each hostile value; prototype keys; too large.
      const json = operation.requestBody?.content['application/json']?.schema;
      if (!json) continue;
      const schema = json.$ref
        ? document.components.schemas[json.$ref.split('/').pop() as string]
        : json;
      const properties = Object.keys(schema.properties ?? {});
      for (const value of HOSTILE)
        await send(method, base, Object.fromEntries(properties.map((p) => [p, value])));
      await send(method, base, undefined, '{"__proto__": {"polluted": true}}');
      await send(method, base, undefined, '{"constructor": {"prototype": {"polluted": true}}}');
      await send(method, base, undefined, '{"title": "未完');
      await send(method, base, { [properties[0] ?? 'x']: HUGE_TEXT });
    }
    const after = await tableCounts();
    const stored = Object.keys(after).filter((table) => after[table] !== before[table]);
    expect({
      requests: requests > 1000,
      fiveHundreds,
      failures: failures.slice(0, 30),
      stored,
    }).toEqual({
      requests: true,
      fiveHundreds: 0,
      failures: [],
      stored: [],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 600_000);
});
