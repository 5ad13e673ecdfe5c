import { Inject, Injectable, Optional } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Clock, MESSAGING_OPTIONS, MessagingOptions } from '@liandong/messaging';
import { signBytes, verifyBytes } from '@liandong/protocol';
import { ACCESS_OPTIONS, AccessOptions } from './access.options';
import { OidcSignIn, OidcVerifier } from './oidc';
import { Principal } from './principal';
import { ROLES, Role } from './roles';
import { accessRefusal } from './access.errors';

export const ACCESS_TOKEN_TTL_MS = 15 * 60_000;
export const REFRESH_TOKEN_TTL_MS = 12 * 3600_000;
const AUDIENCE = 'liandong-api';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Access tokens are JWTs signed with this node's own Ed25519 key (EdDSA): no extra
 * secret to manage, valid only on the node that issued them, short-lived.
 */
@Injectable()
export class TokenService {
  private readonly oidc?: OidcVerifier;

  constructor(
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Optional() @Inject(ACCESS_OPTIONS) access?: AccessOptions,
  ) {
    if (access?.oidc) this.oidc = new OidcVerifier(access.oidc);
  }

  /** A token of this node (EdDSA), or of the trusted OpenID Connect provider when one is configured. */
  async verify(token: string): Promise<Principal> {
    const header = token.split('.')[0] ?? '';
    let alg: string | undefined;
    try {
      alg = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')).alg;
    } catch {
      alg = undefined;
    }
    if (alg !== 'EdDSA' && this.oidc) return this.oidc.verify(token, this.clock.now());
    return this.verifyAccessToken(token);
  }

  /** Whether people can sign in through the OpenID Connect provider (redirect and code). */
  get oidcRedirects(): boolean {
    return Boolean(this.oidc?.redirects);
  }

  /** Redeems a provider's authorization code (PKCE) for its verified ID token. */
  redeemOidcCode(code: {
    code: string;
    codeVerifier: string;
    redirectUri: string;
  }): Promise<OidcSignIn> {
    if (!this.oidc?.redirects)
      throw accessRefusal(
        'OIDC_NOT_CONFIGURED',
        {
          zh: '本节点未配置统一身份认证登录，请用账号和密码登录',
          en: 'this node has no OpenID Connect sign-in configured',
        },
        409,
      );
    return this.oidc.redeem(code, this.clock.now());
  }

  issueAccessToken(principal: Principal): { token: string; expiresAt: Date } {
    const { key, nodeId } = this.options.identity;
    const now = this.clock.now().getTime();
    const expiresAt = new Date(now + ACCESS_TOKEN_TTL_MS);
    const header = b64({ alg: 'EdDSA', typ: 'JWT', kid: key.keyId });
    const payload = b64({
      iss: nodeId,
      aud: AUDIENCE,
      sub: principal.userId,
      name: principal.username,
      dn: principal.displayName,
      roles: principal.roles,
      iat: Math.floor(now / 1000),
      exp: Math.floor(expiresAt.getTime() / 1000),
    });
    const signature = signBytes(key.privateKey, Buffer.from(`${header}.${payload}`));
    return { token: `${header}.${payload}.${signature}`, expiresAt };
  }

  /** The principal of a valid access token of this node; a 401 saying why otherwise. */
  verifyAccessToken(token: string): Principal {
    const parts = token.split('.');
    const refuse = (why: string) =>
      accessRefusal(
        'UNAUTHENTICATED',
        { zh: '登录已过期或无效，请重新登录', en: `${why}; sign in again at POST /auth/login` },
        401,
      );
    if (parts.length !== 3) throw refuse('malformed access token');
    const { key, nodeId } = this.options.identity;
    if (!verifyBytes(key.publicKey, Buffer.from(`${parts[0]}.${parts[1]}`), parts[2]))
      throw refuse('access token signature does not verify');
    let claims: {
      iss?: string;
      aud?: string;
      sub?: string;
      name?: string;
      dn?: string;
      roles?: string[];
      exp?: number;
    };
    try {
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      throw refuse('malformed access token');
    }
    if (claims.iss !== nodeId || claims.aud !== AUDIENCE)
      throw refuse('access token was issued for another node');
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= this.clock.now().getTime())
      throw refuse('access token has expired');
    const roles = (claims.roles ?? []).filter((role): role is Role =>
      (ROLES as readonly string[]).includes(role),
    );
    if (!claims.sub || !claims.name) throw refuse('malformed access token');
    return {
      userId: claims.sub,
      username: claims.name,
      displayName: claims.dn ?? claims.name,
      roles,
    };
  }

  newRefreshToken(): { token: string; hash: string; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url');
    return {
      token,
      hash: this.hashRefreshToken(token),
      expiresAt: new Date(this.clock.now().getTime() + REFRESH_TOKEN_TTL_MS),
    };
  }

  hashRefreshToken(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
