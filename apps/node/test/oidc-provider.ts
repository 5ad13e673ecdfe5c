import { createHash, generateKeyPairSync, KeyObject, randomBytes, sign } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

interface PendingCode {
  challenge: string;
  clientId: string;
  redirectUri: string;
  claims: Record<string, unknown>;
}

/**
 * A stand-in for the third-party sign-in provider: it publishes its keys (JWKS) and signs
 * tokens; its authorization endpoint signs in whoever `signInAs` names and sends the browser
 * back with a code, which its token endpoint redeems once, for the PKCE verifier that
 * matches the challenge.
 */
export class OidcProvider {
  private readonly rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  private server?: Server;
  private readonly codes = new Map<string, PendingCode>();
  private nextClaims: Record<string, unknown> = {};
  issuer = '';
  /** How many codes the token endpoint redeemed. */
  redeemed = 0;

  /** Who the authorization endpoint signs in next (claims of the ID token). */
  signInAs(claims: Record<string, unknown>): void {
    this.nextClaims = claims;
  }

  async start(): Promise<void> {
    const jwks = {
      keys: [
        { ...this.rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
        { ...this.ec.publicKey.export({ format: 'jwk' }), kid: 'ec-1', alg: 'ES256', use: 'sig' },
      ],
    };
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', this.issuer || 'http://localhost');
      if (url.pathname === '/authorize') return this.authorize(url, response);
      if (url.pathname === '/token') return void this.redeem(request, response);
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(url.pathname === '/jwks' ? jwks : {}));
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

  private authorize(url: URL, response: ServerResponse): void {
    const query = Object.fromEntries(url.searchParams);
    const redirect = new URL(query.redirect_uri);
    if (query.response_type !== 'code' || query.code_challenge_method !== 'S256') {
      redirect.searchParams.set('error', 'invalid_request');
    } else {
      const code = randomBytes(16).toString('base64url');
      this.codes.set(code, {
        challenge: query.code_challenge,
        clientId: query.client_id,
        redirectUri: query.redirect_uri,
        claims: this.nextClaims,
      });
      redirect.searchParams.set('code', code);
    }
    redirect.searchParams.set('state', query.state ?? '');
    response.writeHead(302, { location: redirect.toString() }).end();
  }

  private async redeem(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of request) body += chunk;
    const form = Object.fromEntries(new URLSearchParams(body));
    const pending = this.codes.get(form.code);
    this.codes.delete(form.code);
    const verified =
      pending &&
      form.grant_type === 'authorization_code' &&
      form.client_id === pending.clientId &&
      form.redirect_uri === pending.redirectUri &&
      createHash('sha256')
        .update(form.code_verifier ?? '')
        .digest('base64url') === pending.challenge;
    response.setHeader('content-type', 'application/json');
    if (!verified) {
      response.writeHead(400).end(JSON.stringify({ error: 'invalid_grant' }));
      return;
    }
    this.redeemed += 1;
    response.end(
      JSON.stringify({
        id_token: this.token({ aud: pending.clientId, ...pending.claims }),
        token_type: 'Bearer',
      }),
    );
  }
}
