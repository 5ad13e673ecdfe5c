import { refusals } from '@liandong/common';

/**
 * Every refusal code the directives library answers with, closed: `directiveRefusal` throws
 * only these, and the compiler rejects a code not on the list.
 */
export const DIRECTIVE_REFUSALS = [
  'ALREADY_RELAYED',
  'ALREADY_REPORTED',
  'DIRECTIVE_NOT_FOUND',
  'DUE_IN_THE_PAST',
  'NOTHING_SEALED_FOR_THIS_NODE',
  'NOT_ACKNOWLEDGED',
  'NOT_A_RECEIVED_DIRECTIVE',
  'NOT_A_RECIPIENT',
  'NOT_ISSUED_HERE',
  'NO_BODY_KEY',
  'NO_RECIPIENTS',
  'POLICY_NOT_FOUND',
  'RULE_INVALID',
  'RULE_LOOSENED',
] as const;

export const directiveRefusal = refusals(DIRECTIVE_REFUSALS);
