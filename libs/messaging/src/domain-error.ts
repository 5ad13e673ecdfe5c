/**
 * A refusal of a request by a domain rule. `status` is the HTTP status the API answers
 * with; `code` is stable and documented, the message says what to do.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 422 | 429 = 409,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DomainError';
  }
}
