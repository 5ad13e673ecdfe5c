import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { InProcessFederation } from '../src/harness/in-process-federation';
import { HEBEI_SAMPLE_TREE } from './support';

/** A stand-in for the third-party sign-in provider: it publishes its keys (JWKS) and signs tokens. */
class Provider {
  private readonly rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  private server?: Server;
  issuer = '';

  async start(): Promise<void> {
    const jwks = {
      keys: [
        { ...this.rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
        { ...this.ec.publicKey.export({ format: 'jwk' }), kid: 'ec-1', alg: 'ES256', use: 'sig' },
      ],
    };
    this.server = createServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(request.url === '/jwks' ? jwks : {}));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()));
  }

  token(
    claims: Record<string, unknown>,
    options: { alg?: 'RS256' | 'ES256'; kid?: string; key?: KeyObject } = {},
  ): string {
    const alg = options.alg ?? 'RS256';
    const now = Math.floor(Date.now() / 1000);
    const header = Buffer.from(
      JSON.stringify({ alg, kid: options.kid ?? (alg === 'RS256' ? 'rsa-1' : 'ec-1'), typ: 'JWT' }),
    ).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({
        iss: this.issuer,
        aud: 'liandong-130000',
        sub: 'u-42',
        preferred_username: 'zhangsan',
        name: '张三',
        iat: now,
        exp: now + 300,
        ...claims,
      }),
    ).toString('base64url');
    const key = options.key ?? (alg === 'RS256' ? this.rsa.privateKey : this.ec.privateKey);
    const signature = sign(
      'sha256',
      Buffer.from(`${header}.${payload}`),
      alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key,
    );
    return `${header}.${payload}.${signature.toString('base64url')}`;
  }
}

describe('sign-in through an external OpenID Connect provider', () => {
  const provider = new Provider();
  let federation: InProcessFederation;

  beforeAll(async () => {
    await provider.start();
    federation = new InProcessFederation({
      tree: HEBEI_SAMPLE_TREE.slice(0, 2),
      env: {
        OIDC_ISSUER: provider.issuer,
        OIDC_JWKS_URL: `${provider.issuer}/jwks`,
        OIDC_AUDIENCE: 'liandong-130000',
      },
    });
    await federation.start();
  });
  afterAll(async () => {
    await federation.stop();
    await provider.stop();
  });

  const me = (token: string) => federation.httpAs('130000', token, 'GET', '/auth/me');

  it('accepts the provider’s RS256 and ES256 tokens, with the roles they carry', async () => {
    const rsa = await me(provider.token({ liandong_roles: ['leading_group', 'not_a_role'] }));
    expect(rsa).toMatchObject({
      status: 200,
      body: { username: 'zhangsan', displayName: '张三', roles: ['leading_group'] },
    });
    expect(
      (await me(provider.token({ liandong_roles: ['viewer'] }, { alg: 'ES256' }))).body.roles,
    ).toEqual(['viewer']);
    const token = provider.token({ liandong_roles: ['leading_group'] });
    expect((await federation.httpAs('130000', token, 'GET', '/directives')).status).toBe(200);
    expect((await federation.httpAs('130000', token, 'GET', '/users')).status).toBe(403);
  });

  it('refuses tokens of another issuer or audience, expired, unknown key, or forged', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await me(provider.token({ iss: 'http://elsewhere' }))).status).toBe(401);
    expect((await me(provider.token({ aud: 'another-app' }))).status).toBe(401);
    expect((await me(provider.token({ exp: now - 10 }))).status).toBe(401);
    expect((await me(provider.token({}, { kid: 'rsa-unknown' }))).status).toBe(401);
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect((await me(provider.token({}, { key: stranger }))).status).toBe(401);
    // The node's own tokens still work beside the provider's.
    expect((await federation.http('130000', 'GET', '/auth/me')).status).toBe(200);
  });
});
