import { NODE_LAUNCHER } from '../src/launch';
import { count, HEBEI_SAMPLE_TREE, inAMonth, waitForRegistrations } from './support';
import { CLERK, InProcessFederation } from '@liandong/local-federation';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

describe('who may do what on a node', () => {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 3),
  });
  const PUBLIC = [
    'POST /auth/login',
    'POST /auth/refresh',
    'POST /auth/logout',
    'GET /auth/options',
    'POST /auth/oidc/token',
    'GET /federation/identity',
    'GET /health',
    // 后评估: the anonymous questionnaire; its one-time code (in the body) is the credential.
    'POST /evaluation/answer/form',
    'POST /evaluation/answer',
  ];

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, '000000');
  });
  afterAll(() => federation.stop());

  function registeredRoutes(): string[] {
    const express = federation.node('130000').app?.getHttpAdapter().getInstance() as {
      router: { stack: RouteLayer[] };
    };
    return express.router.stack
      .filter((layer) => layer.route)
      .flatMap((layer) =>
        Object.keys(layer.route?.methods ?? {}).map(
          (method) => `${method.toUpperCase()} ${layer.route?.path}`,
        ),
      )
      .filter((route) => !route.includes('/api/docs'));
  }

  it('opens no route but sign-in, health and the anonymous questionnaire to a caller without a token', async () => {
    const routes = registeredRoutes();
    expect(routes.length).toBeGreaterThan(15);
    expect(routes).toEqual(expect.arrayContaining(PUBLIC));
    for (const route of routes.filter((r) => !PUBLIC.includes(r))) {
      const [method, path] = route.split(' ');
      const concrete = path.replace(/:[a-zA-Z]+/g, '0190f5b0-0000-7000-8000-000000000000');
      const { status, body } = await federation.httpAs(
        '130000',
        undefined,
        method,
        concrete,
        method === 'GET' ? undefined : {},
      );
      expect({ route, status, error: body.error }).toEqual({
        route,
        status: 401,
        error: 'UNAUTHENTICATED',
      });
    }
    expect((await federation.httpAs('130000', undefined, 'GET', '/health')).status).toBe(200);
    expect((await federation.httpAs('130000', undefined, 'GET', '/api/docs-json')).status).toBe(
      200,
    );
  });

  it('lets each role do only its part', async () => {
    await federation.http('130000', 'POST', '/users', {
      username: 'viewer1',
      displayName: '统计员',
      password: 'a long viewer password',
      roles: ['viewer'],
    });
    const viewer = await federation.signIn('130000', 'viewer1', 'a long viewer password');
    const issue = await federation.httpAs('130000', viewer, 'POST', '/directives', {
      title: 't',
      body: 'b',
      scope: 'children',
      reportDueAt: inAMonth(),
      issuedBy: 'x',
    });
    expect(issue.status).toBe(403);
    expect(issue.body.messageEn).toMatch(/inspection_office/);
    expect(issue.body.message).toMatch(/巡视巡察办工作人员/);
    expect((await federation.httpAs('130000', viewer, 'GET', '/directives')).status).toBe(403);
    expect((await federation.httpAs('130000', viewer, 'GET', '/users')).status).toBe(403);
    expect((await federation.httpAs('130000', viewer, 'GET', '/policies')).status).toBe(200);
    // Each refusal is in the audit log: who tried what, and why.
    const refused = await federation
      .dataSource('130000')
      .query(
        `SELECT subject_id, detail FROM audit_entry WHERE action = 'request.refused' AND actor = 'user:viewer1' ORDER BY seq`,
      );
    expect(
      refused.map((r: { subject_id: string; detail: { status: number } }) => [
        r.subject_id,
        r.detail.status,
      ]),
    ).toEqual([
      ['POST /directives', 403],
      ['GET /directives', 403],
      ['GET /users', 403],
    ]);
    expect((await federation.httpAs('130000', viewer, 'GET', '/auth/me')).body).toMatchObject({
      username: 'viewer1',
      roles: ['viewer'],
      roleLabels: ['统计查看'],
    });
  });

  it('accepts a token only on the node that issued it', async () => {
    const centralToken = federation.node('000000').token;
    const { status, body } = await federation.httpAs('130000', centralToken, 'GET', '/policies');
    expect(status).toBe(401);
    expect(body.messageEn).toMatch(/sign in again/);
    expect(body.message).toMatch(/重新登录/);
  });

  it('records who acted: the signed-in user, not a name in the body', async () => {
    const { body } = await federation.http('000000', 'POST', '/directives', {
      title: '谁下达的',
      body: '正文',
      scope: 'children',
      reportDueAt: inAMonth(),
      issuedBy: '别人的名字',
    });
    const [entry] = await federation
      .dataSource('000000')
      .query(
        `SELECT actor, detail FROM audit_entry WHERE action = 'directive.issued' AND subject_id = $1`,
        [body.id],
      );
    expect(entry.actor).toBe(`user:${CLERK.username}`);
    expect(entry.detail.issuedBy).toBe('别人的名字');
  });

  it('refuses wrong passwords, audits them, and slows down a guesser', async () => {
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const { status, body } = await federation.httpAs('130100', undefined, 'POST', '/auth/login', {
        username: CLERK.username,
        password: `guess ${attempt}`,
      });
      expect([status, body.error]).toEqual([401, 'BAD_CREDENTIALS']);
    }
    const blocked = await federation.httpAs('130100', undefined, 'POST', '/auth/login', {
      username: CLERK.username,
      password: federation.clerkPassword,
    });
    expect([blocked.status, blocked.body.error]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
    expect(
      await count(
        federation,
        '130100',
        `SELECT 1 FROM audit_entry WHERE action = 'auth.login_failed' AND subject_id = $1`,
        [CLERK.username],
      ),
    ).toBe(5);
    expect(
      await count(
        federation,
        '130100',
        `SELECT 1 FROM audit_entry WHERE action = 'auth.login_throttled'`,
      ),
    ).toBe(1);
  });

  it('rotates refresh tokens, and closes every session when a spent one comes back', async () => {
    const login = await federation.httpAs('000000', undefined, 'POST', '/auth/login', {
      username: CLERK.username,
      password: federation.clerkPassword,
    });
    const first = await federation.httpAs('000000', undefined, 'POST', '/auth/refresh', {
      refreshToken: login.body.refreshToken,
    });
    expect(first.status).toBe(200);
    const reuse = await federation.httpAs('000000', undefined, 'POST', '/auth/refresh', {
      refreshToken: login.body.refreshToken,
    });
    expect(reuse.status).toBe(401);
    const second = await federation.httpAs('000000', undefined, 'POST', '/auth/refresh', {
      refreshToken: first.body.refreshToken,
    });
    expect(second.status).toBe(401); // revoked with all the others
  });

  it('lets an administrator manage users, with clear refusals', async () => {
    const weak = await federation.http('130000', 'POST', '/users', {
      username: 'weak',
      displayName: '弱',
      password: 'short',
      roles: ['viewer'],
    });
    expect(weak.status).toBe(400);
    expect(weak.body.fields.map((f: { field: string }) => f.field)).toEqual(['password']);
    const created = await federation.http('130000', 'POST', '/users', {
      username: 'member1',
      displayName: '组员',
      password: 'member password 1',
      roles: ['team_member'],
    });
    expect(created.status).toBe(201);
    const taken = await federation.http('130000', 'POST', '/users', {
      username: 'member1',
      displayName: '组员',
      password: 'member password 1',
      roles: ['team_member'],
    });
    expect([taken.status, taken.body.error]).toEqual([409, 'USERNAME_TAKEN']);
    await federation.http('130000', 'PATCH', `/users/${created.body.id}`, { active: false });
    const disabled = await federation.httpAs('130000', undefined, 'POST', '/auth/login', {
      username: 'member1',
      password: 'member password 1',
    });
    expect(disabled.status).toBe(401);
  });

  it('tells any signed-in person who is who (user name and name, disabled accounts too), and nothing more', async () => {
    const created = await federation.http('130000', 'POST', '/users', {
      username: 'names-reader',
      displayName: '李四',
      password: 'reader password 1',
      roles: ['viewer'],
    });
    expect(created.status).toBe(201);
    await federation.http('130000', 'PATCH', `/users/${created.body.id}`, { active: false });
    const viewer = await federation.http('130000', 'POST', '/users', {
      username: 'names-viewer',
      displayName: '赵六',
      password: 'viewer password 1',
      roles: ['viewer'],
    });
    expect([viewer.status, viewer.body.error]).toEqual([201, undefined]);
    const token = await federation.signIn('130000', 'names-viewer', 'viewer password 1');
    const names = await federation.httpAs('130000', token, 'GET', '/users/names');
    expect(names.status).toBe(200);
    expect(names.body).toContainEqual({ username: 'names-reader', displayName: '李四' });
    for (const entry of names.body)
      expect(Object.keys(entry).sort()).toEqual(['displayName', 'username']);
    // Managing accounts stays the administrator's.
    expect((await federation.httpAs('130000', token, 'GET', '/users')).status).toBe(403);
  });

  it('answers with the security headers, names no framework, and lets no sign-in answer be cached', async () => {
    const url = federation.node('130000').url as string;
    const health = await fetch(`${url}/health`);
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(health.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(health.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(health.headers.get('referrer-policy')).toBe('no-referrer');
    expect(health.headers.get('x-powered-by')).toBeNull();
    // Plain HTTP (no TLS, no trusted proxy saying https): no Strict-Transport-Security.
    expect(health.headers.get('strict-transport-security')).toBeNull();
    const login = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: CLERK.username, password: federation.clerkPassword }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('cache-control')).toBe('no-store');
    const docs = await fetch(`${url}/api/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});
