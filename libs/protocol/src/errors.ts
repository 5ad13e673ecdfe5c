/**
 * Why a receiver refused an envelope. The codes are part of the protocol: they appear in
 * receipts, in dead-letter records and in docs/protocol.md.
 */
export const REFUSAL_CODES = [
  'MALFORMED',
  'UNKNOWN_TYPE',
  'UNKNOWN_KEY',
  'UNTRUSTED_KEY',
  'KEY_NOT_ISSUER',
  'REVOKED_KEY',
  'BAD_SIGNATURE',
  'EXPIRED',
  'NOT_YET_VALID',
  'MISADDRESSED',
  'NOT_AUTHORIZED',
  'NOT_FOUND',
  'CONFLICT',
  'STALE_SEQUENCE',
  'INVALID_PAYLOAD',
  'HANDLER_FAILED',
  'DELIVERY_EXHAUSTED',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export class RefusalError extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RefusalError';
  }
}
