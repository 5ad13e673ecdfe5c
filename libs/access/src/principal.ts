import type { Role } from './roles';

/** The signed-in user a request acts for. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
}

/** How the audit log names a person. */
export function actorOf(principal: Principal): string {
  return `user:${principal.username}`;
}
