import { NODE_LAUNCHER } from '../src/launch';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { InProcessFederation } from '@liandong/local-federation';
import { OidcProvider } from './oidc-provider';
import { HEBEI_SAMPLE_TREE } from './support';

describe('sign-in through an external OpenID Connect provider', () => {
  const provider = new OidcProvider();
  let federation: InProcessFederation;

  beforeAll(async () => {
    await provider.start();
    federation = new InProcessFederation({
      launcher: NODE_LAUNCHER,
      tree: HEBEI_SAMPLE_TREE.slice(0, 2),
      env: {
        OIDC_ISSUER: provider.issuer,
        OIDC_JWKS_URL: `${provider.issuer}/jwks`,
        OIDC_AUDIENCE: 'liandong-130000',
        OIDC_AUTHORIZATION_URL: `${provider.issuer}/authorize`,
        OIDC_TOKEN_URL: `${provider.issuer}/token`,
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

  it('redeems an authorization code for the provider’s ID token, once, for the right PKCE verifier', async () => {
    const options = await federation.httpAs('130000', undefined, 'GET', '/auth/options');
    expect(options.body.oidc).toEqual({
      issuer: provider.issuer,
      clientId: 'liandong-130000',
      authorizationUrl: `${provider.issuer}/authorize`,
    });
    const redirectUri = `${federation.node('130000').url}/console/login`;
    const codeFor = async (verifier: string) => {
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const authorize = new URL(options.body.oidc.authorizationUrl);
      for (const [key, value] of Object.entries({
        response_type: 'code',
        client_id: 'liandong-130000',
        redirect_uri: redirectUri,
        scope: 'openid',
        state: 's1',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }))
        authorize.searchParams.set(key, value);
      const back = await fetch(authorize, { redirect: 'manual' });
      return new URL(back.headers.get('location') as string).searchParams.get('code') as string;
    };
    const redeem = (code: string, codeVerifier: string) =>
      federation.httpAs('130000', undefined, 'POST', '/auth/oidc/token', {
        code,
        codeVerifier,
        redirectUri,
      });
    provider.signInAs({ preferred_username: 'lisi', name: '李四', liandong_roles: ['viewer'] });
    const verifier = randomBytes(32).toString('base64url');
    const code = await codeFor(verifier);
    const signedIn = await redeem(code, verifier);
    expect(signedIn.status).toBe(200);
    expect(Date.parse(signedIn.body.expiresAt)).toBeGreaterThan(Date.now());
    expect((await me(signedIn.body.idToken)).body).toMatchObject({
      username: 'lisi',
      displayName: '李四',
      roles: ['viewer'],
    });
    const again = await redeem(code, verifier);
    expect(again.status).toBe(401);
    expect(again.body.message).toMatch(/统一身份认证未接受/);
    const stolen = await codeFor(verifier);
    expect((await redeem(stolen, randomBytes(32).toString('base64url'))).status).toBe(401);
    expect(provider.redeemed).toBe(1);
    const audit = await federation.http('130000', 'GET', '/audit?action=auth.login&actor=lisi');
    expect(audit.body.some((e: { detail: { via?: string } }) => e.detail.via === 'oidc')).toBe(
      true,
    );
  });
});
