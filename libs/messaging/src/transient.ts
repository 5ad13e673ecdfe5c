/**
 * Which failures are worth trying again. Only an outage is: the database or the broker not
 * answering, or PostgreSQL asking to retry (serialization failure, deadlock). Anything else
 * — bad data, a violated constraint, a bug — fails the same way every time, so the message
 * that caused it is settled at once as a dead letter instead of being redelivered.
 */

/** A dependency (the key registry on the broker, the database) did not answer: try again later. */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/** SQLSTATE classes and codes of PostgreSQL that mean "not now" rather than "never". */
const TRANSIENT_SQLSTATE = /^(08|53|57P0[1-3]|40001|40P01|55P03|58)/;

const TRANSIENT_NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

const TRANSIENT_TEXT =
  /Connection terminated|connection (is )?(closed|lost)|not connected|timeout|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)|terminating connection|no responders|TIMEOUT|CONNECTION_CLOSED|DISCONNECT|JetStream is not started/i;

function* causes(error: unknown): Generator<unknown> {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    yield current;
    current =
      (current as { cause?: unknown; driverError?: unknown }).driverError ??
      (current as { cause?: unknown }).cause;
  }
}

export function isTransient(error: unknown): boolean {
  for (const e of causes(error)) {
    if (e instanceof TransientError) return true;
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NETWORK.has(code)))
      return true;
    if (typeof message === 'string' && TRANSIENT_TEXT.test(message)) return true;
  }
  return false;
}
