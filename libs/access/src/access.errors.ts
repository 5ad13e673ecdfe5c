import { refusals } from '@liandong/common';

/**
 * Every refusal code of sign-in, tokens, users and the access guard, closed: `accessRefusal`
 * throws only these, and the compiler rejects a code not on the list.
 */
export const ACCESS_REFUSALS = [
  'BAD_CREDENTIALS',
  'FORBIDDEN',
  'NO_ACCESS_RULE',
  'OIDC_NOT_CONFIGURED',
  'OIDC_UNAVAILABLE',
  'SELF_LOCKOUT',
  'TOO_MANY_ATTEMPTS',
  'UNAUTHENTICATED',
  'USERNAME_TAKEN',
  'USER_NOT_FOUND',
  'WEAK_PASSWORD',
] as const;

export const accessRefusal = refusals(ACCESS_REFUSALS);
