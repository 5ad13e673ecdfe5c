import { refusals } from '@liandong/common';

/**
 * The refusals the messaging library gives a request (an envelope too large to send, a live
 * query nobody answers), closed: `messagingRefusal` throws only these. A live query's answer
 * that is itself a refusal keeps the answering node's code. (Refusals of inbound envelopes are
 * the protocol's RefusalError codes.)
 */
export const MESSAGING_REFUSALS = [
  'ENVELOPE_TOO_LARGE',
  'INVALID_EVENT',
  'NODE_UNREACHABLE',
] as const;

export const messagingRefusal = refusals(MESSAGING_REFUSALS);
