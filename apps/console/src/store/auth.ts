import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, must, useCredentials, type Schemas } from '@/api/client';
import { ROUTE_ACCESS, type Role } from '@/api/access';

const REFRESH_KEY = 'liandong.refresh';
/** A sign-in through the provider: its ID token and expiry (no refresh; sign in again). */
const PROVIDER_KEY = 'liandong.provider';

/** Whether a user with these roles may call a route (`GET /workbench`), per the API's x-access. */
export function allowed(route: string, roles: readonly Role[] | undefined): boolean {
  const access = ROUTE_ACCESS[route];
  if (access === undefined) return false;
  if (access === 'public') return true;
  if (!roles) return false;
  if (access === 'authenticated') return true;
  return roles.some((role) => access.includes(role));
}

/**
 * The signed-in user of this node. The access token lives in memory; the one-use refresh
 * token in sessionStorage, so a reload keeps the session and closing the tab ends it.
 */
export const useAuth = defineStore('auth', () => {
  const accessToken = ref<string>();
  const user = ref<Schemas['UserView']>();
  const node = ref<Schemas['FederationNodeView']>();
  const oidc = ref<Schemas['OidcSignInView'] | null>(null);
  let renewing: Promise<string | undefined> | undefined;

  const roles = computed(() => user.value?.roles ?? []);
  const can = (route: string) => allowed(route, user.value ? roles.value : undefined);

  function keep(tokens: Schemas['TokensView']): void {
    accessToken.value = tokens.accessToken;
    sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
  }

  function forget(): void {
    accessToken.value = undefined;
    user.value = undefined;
    sessionStorage.removeItem(REFRESH_KEY);
    sessionStorage.removeItem(PROVIDER_KEY);
  }

  /** The provider's ID token kept in this tab, while it is valid. */
  function providerToken(): string | undefined {
    const kept = sessionStorage.getItem(PROVIDER_KEY);
    if (!kept) return undefined;
    const { idToken, expiresAt } = JSON.parse(kept) as { idToken: string; expiresAt: string };
    return Date.parse(expiresAt) > Date.now() ? idToken : undefined;
  }

  async function renew(): Promise<string | undefined> {
    const refreshToken = sessionStorage.getItem(REFRESH_KEY);
    if (!refreshToken) {
      forget();
      return undefined;
    }
    renewing ??= (async () => {
      const { data, response } = await api
        .POST('/auth/refresh', { body: { refreshToken } })
        .catch(() => ({ data: undefined, response: undefined }));
      if (!response?.ok || !data) {
        forget();
        return undefined;
      }
      keep(data);
      return data.accessToken;
    })().finally(() => (renewing = undefined));
    return renewing;
  }

  useCredentials({ accessToken: () => accessToken.value, renew });

  /** The node's name and sign-in options (shown before sign-in). */
  async function loadNode(): Promise<void> {
    if (node.value) return;
    const [identity, options] = await Promise.all([
      must(api.GET('/federation/identity')),
      must(api.GET('/auth/options')),
    ]);
    node.value = identity;
    oidc.value = options.oidc;
  }

  /** After a reload: a session kept in this tab is renewed, and the user read again. */
  async function restore(): Promise<void> {
    if (user.value) return;
    const viaProvider = providerToken();
    if (viaProvider) accessToken.value = viaProvider;
    else if (!sessionStorage.getItem(REFRESH_KEY) || !(await renew())) return;
    user.value = await must(api.GET('/auth/me')).catch(() => undefined);
  }

  /** Signs in with the code the provider returned (the node redeems it). */
  async function signInWithProvider(code: string, codeVerifier: string): Promise<void> {
    const signedIn = await must(
      api.POST('/auth/oidc/token', {
        body: { code, codeVerifier, redirectUri: `${location.origin}/console/login` },
      }),
    );
    sessionStorage.setItem(PROVIDER_KEY, JSON.stringify(signedIn));
    accessToken.value = signedIn.idToken;
    user.value = await must(api.GET('/auth/me'));
  }

  async function signIn(username: string, password: string): Promise<void> {
    keep(await must(api.POST('/auth/login', { body: { username, password } })));
    user.value = await must(api.GET('/auth/me'));
  }

  async function signOut(): Promise<void> {
    const refreshToken = sessionStorage.getItem(REFRESH_KEY);
    forget();
    if (refreshToken)
      await api.POST('/auth/logout', { body: { refreshToken } }).catch(() => undefined);
  }

  return { user, node, oidc, roles, can, loadNode, restore, signIn, signInWithProvider, signOut };
});
