import { refusals } from '@liandong/common';

/**
 * Every refusal code of the exchange library (巡前信息沟通, 巡中监督手段支持). A code not on this
 * list does not compile; the texts stay with the rule that refuses.
 */
export const EXCHANGE_REFUSALS = [
  // sending a request
  'INSPECTION_NOT_FOUND',
  'NOT_CONDUCTING',
  'INSPECTION_CLOSED',
  'NOT_ON_TEAM',
  'WRONG_TEAM_ROLE',
  'NOT_ON_LINE',
  'NO_NODE_AT_TIER',
  'BAD_ANSWER_BY',
  'NO_BODY_KEY',
  // answering
  'REQUEST_NOT_FOUND',
  'ALREADY_ANSWERED',
  'NO_INSPECTION_OFFICE_KEY',
  'BAD_ATTACHMENT',
  'ATTACHMENTS_TOO_LARGE',
  // reading an answer
  'NOT_ANSWERED',
  'CANNOT_OPEN',
] as const;

export type ExchangeRefusalCode = (typeof EXCHANGE_REFUSALS)[number];

/** `throw exchangeRefusal('ALREADY_ANSWERED', { zh, en })`: a DomainError from the list above. */
export const exchangeRefusal = refusals(EXCHANGE_REFUSALS);
