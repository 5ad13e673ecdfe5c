import { DomainError, RefusalField, RefusalStatus, Text } from './domain-error';

/**
 * A library's closed list of refusal codes, like the protocol's: `refusals(CODES)` gives
 * the function that throws them, and the compiler rejects a code not on the list.
 *
 *   export const PLANNING_REFUSALS = ['ROUND_NOT_FOUND', …] as const;
 *   export const planningRefusal = refusals(PLANNING_REFUSALS);
 *   throw planningRefusal('ROUND_NOT_FOUND', roundNotFound(id), 404);
 */
export function refusals<const C extends readonly string[]>(codes: C) {
  const known = new Set<string>(codes);
  return (
    code: C[number],
    text: Text,
    status?: RefusalStatus,
    options?: { cause?: unknown; fields?: RefusalField[] },
  ) => {
    if (!known.has(code)) throw new Error(`refusal code ${code} is not in its catalogue`);
    return new DomainError(code, text, status, options);
  };
}
