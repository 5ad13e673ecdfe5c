import { createPublicKey, JsonWebKey, KeyObject, verify } from 'node:crypto';
import { Principal } from './principal';
import { ROLES, Role } from './roles';
import { accessRefusal } from './access.errors';

/** An external OpenID Connect provider this node trusts for sign-in. */
export interface OidcOptions {
  issuer: string;
  jwksUrl: string;
  audience: string;
  /** Claim holding the Liandong roles (an array of role names). */
  rolesClaim: string;
  usernameClaim: string;
  /**
   * The provider's authorization and token endpoints: with both, people sign in through the
   * console (authorization code with PKCE; the node redeems the code, the browser never
   * talks to the token endpoint).
   */
  authorizationUrl?: string;
  tokenUrl?: string;
}

/** A code redeemed at the provider: its ID token, who it names, and until when. */
export interface OidcSignIn {
  idToken: string;
  principal: Principal;
  expiresAt: Date;
}

interface Jwk extends JsonWebKey {
  kid?: string;
  alg?: string;
}

const JWKS_TTL_MS = 10 * 60_000;
const ALGORITHMS: Record<string, { hash: string; dsaEncoding?: 'ieee-p1363' }> = {
  RS256: { hash: 'sha256' },
  ES256: { hash: 'sha256', dsaEncoding: 'ieee-p1363' },
};

/**
 * Verifies ID/access tokens of the configured provider against its published keys
 * (JWKS, fetched and cached; fetched again when a token names an unknown key).
 */
export class OidcVerifier {
  private keys = new Map<string, KeyObject>();
  private fetchedAt = 0;

  constructor(private readonly options: OidcOptions) {}

  async verify(token: string, now: Date): Promise<Principal> {
    const refuse = (why: string) =>
      accessRefusal(
        'UNAUTHENTICATED',
        {
          zh: `统一身份认证的登录凭据无效（${why}），请重新登录`,
          en: `${why}; sign in again with ${this.options.issuer}`,
        },
        401,
      );
    const [h, p, signature] = token.split('.');
    let header: { alg?: string; kid?: string };
    let claims: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    } catch {
      throw refuse('malformed token');
    }
    const algorithm = ALGORITHMS[header.alg ?? ''];
    if (!algorithm || !header.kid || !signature)
      throw refuse(`token algorithm ${header.alg} is not accepted`);
    const key = await this.key(header.kid, now);
    if (!key) throw refuse(`the provider has no key ${header.kid}`);
    const valid = verify(
      algorithm.hash,
      Buffer.from(`${h}.${p}`),
      { key, dsaEncoding: algorithm.dsaEncoding },
      Buffer.from(signature, 'base64url'),
    );
    if (!valid) throw refuse('token signature does not verify');
    if (claims.iss !== this.options.issuer) throw refuse('token is from another issuer');
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(this.options.audience)) throw refuse('token is for another audience');
    const seconds = now.getTime() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp <= seconds) throw refuse('token has expired');
    if (typeof claims.nbf === 'number' && claims.nbf > seconds + 60)
      throw refuse('token is not valid yet');
    const username = claims[this.options.usernameClaim];
    if (typeof claims.sub !== 'string' || typeof username !== 'string')
      throw refuse(`token lacks sub or ${this.options.usernameClaim}`);
    const claimed = claims[this.options.rolesClaim];
    const roles = (Array.isArray(claimed) ? claimed : []).filter((r): r is Role =>
      (ROLES as readonly unknown[]).includes(r),
    );
    return {
      userId: `oidc:${claims.sub}`,
      username,
      displayName: typeof claims.name === 'string' ? claims.name : username,
      roles,
    };
  }

  /** Whether people can sign in through the provider (both endpoints configured). */
  get redirects(): boolean {
    return Boolean(this.options.authorizationUrl && this.options.tokenUrl);
  }

  /**
   * Redeems an authorization code at the provider's token endpoint (with the PKCE verifier
   * the browser kept) and verifies the ID token it returns like any other.
   */
  async redeem(
    code: { code: string; codeVerifier: string; redirectUri: string },
    now: Date,
  ): Promise<OidcSignIn> {
    const unavailable = (why: string) =>
      accessRefusal(
        'OIDC_UNAVAILABLE',
        {
          zh: `暂时无法连接统一身份认证服务（${why}），请稍后再试`,
          en: `the sign-in provider could not be reached (${why})`,
        },
        503,
      );
    let response: Response;
    try {
      response = await fetch(this.options.tokenUrl as string, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: code.code,
          redirect_uri: code.redirectUri,
          client_id: this.options.audience,
          code_verifier: code.codeVerifier,
        }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw unavailable((error as Error).message);
    }
    if (response.status >= 500) throw unavailable(String(response.status));
    const body = (await response.json().catch(() => ({}))) as { id_token?: unknown };
    if (!response.ok || typeof body.id_token !== 'string')
      throw accessRefusal(
        'UNAUTHENTICATED',
        {
          zh: '统一身份认证未接受本次登录（授权码无效或已使用），请重新登录',
          en: `the sign-in provider refused the code (${response.status})`,
        },
        401,
      );
    const principal = await this.verify(body.id_token, now);
    const claims = JSON.parse(
      Buffer.from(body.id_token.split('.')[1], 'base64url').toString('utf8'),
    );
    return { idToken: body.id_token, principal, expiresAt: new Date(Number(claims.exp) * 1000) };
  }

  private async key(kid: string, now: Date): Promise<KeyObject | undefined> {
    if (!this.keys.has(kid) || now.getTime() - this.fetchedAt > JWKS_TTL_MS)
      await this.refresh(now);
    return this.keys.get(kid);
  }

  private async refresh(now: Date): Promise<void> {
    const response = await fetch(this.options.jwksUrl, { signal: AbortSignal.timeout(5000) });
    if (!response.ok)
      throw accessRefusal(
        'OIDC_UNAVAILABLE',
        {
          zh: `暂时无法连接统一身份认证服务（${response.status}），请稍后再试`,
          en: `the sign-in provider's keys could not be fetched (${response.status})`,
        },
        401,
      );
    const { keys } = (await response.json()) as { keys: Jwk[] };
    this.keys = new Map(
      keys
        .filter((k) => k.kid)
        .map((k) => [k.kid as string, createPublicKey({ key: k, format: 'jwk' })]),
    );
    this.fetchedAt = now.getTime();
  }
}
