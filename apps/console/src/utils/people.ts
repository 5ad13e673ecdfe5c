import { reactive } from 'vue';

/**
 * Who is who on this node (user name → name), from GET /users/names, so that records show
 * people by the names colleagues know (王五), not by account (deputy-1). Reactive: a page
 * drawn before the names arrive shows them when they do.
 */
const names = reactive(new Map<string, string>());

export function rememberNames(list: Array<{ username: string; displayName: string }>): void {
  names.clear();
  for (const { username, displayName } of list) names.set(username, displayName);
}

/**
 * The person behind a user name or an audit actor (`user:deputy-1` → 王五); an account this
 * node does not know, a node or the system as they are; a dash for nobody.
 */
export function personName(who: string | null | undefined): string {
  if (!who) return '—';
  const username = who.startsWith('user:') ? who.slice('user:'.length) : who;
  return names.get(username) ?? username;
}
