/**
 * Sign-in through the OpenID Connect provider (统一身份认证): authorization code with PKCE.
 * The browser goes to the provider and comes back to /console/login with a code; the node
 * redeems it (POST /auth/oidc/token) and hands back the provider's ID token.
 */
const PENDING = 'liandong.oidc';

export interface PendingSignIn {
  verifier: string;
  state: string;
  /** Where to go after signing in. */
  next: string;
}

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random(bytes: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The PKCE challenge of a verifier: base64url(SHA-256(verifier)). */
export async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** Where the provider sends people back: this node's sign-in page. */
export function returnAddress(): string {
  return `${location.origin}/console/login`;
}

/** Whether this page may sign in through the provider (Web Crypto needs HTTPS or localhost). */
export function providerSignInPossible(): boolean {
  return Boolean(globalThis.isSecureContext && globalThis.crypto?.subtle);
}

/** The provider's sign-in address for a new attempt, kept in this tab until it returns. */
export async function providerSignInUrl(
  authorizationUrl: string,
  clientId: string,
  next: string,
): Promise<string> {
  const pending: PendingSignIn = { verifier: random(32), state: random(16), next };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(authorizationUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('redirect_uri', returnAddress());
  url.searchParams.set('scope', 'openid');
  url.searchParams.set('state', pending.state);
  url.searchParams.set('code_challenge', await challengeOf(pending.verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

/**
 * The attempt the provider answered, if the page came back from it: its code and verifier,
 * or what went wrong (in Chinese). Used once.
 */
export function providerAnswer(
  query: Record<string, unknown>,
): { code: string; verifier: string; next: string } | { problem: string } | undefined {
  if (typeof query.state !== 'string') return undefined;
  const kept = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  const pending = kept ? (JSON.parse(kept) as PendingSignIn) : undefined;
  if (!pending || pending.state !== query.state)
    return { problem: '统一身份认证的登录已过期或不是从本页面发起的，请重新登录' };
  if (typeof query.error === 'string')
    return {
      problem: `统一身份认证未完成登录（${typeof query.error_description === 'string' ? query.error_description : query.error}），请重新登录`,
    };
  if (typeof query.code !== 'string') return { problem: '统一身份认证没有返回授权码，请重新登录' };
  return { code: query.code, verifier: pending.verifier, next: pending.next };
}
