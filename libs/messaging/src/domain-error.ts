/** A message for a person, in Chinese first, with the English beside it. */
export interface Text {
  zh: string;
  en: string;
}

/**
 * A refusal of a request by a domain rule. `status` is the HTTP status the API answers
 * with; `code` is stable and documented; the text says what was refused and what to do,
 * in Chinese (shown to people) and English (for logs and foreign clients).
 */
export class DomainError extends Error {
  readonly text: Text;

  constructor(
    readonly code: string,
    // TRANSITIONAL: a plain string is English only; every call site is being given its Chinese.
    text: Text | string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503 = 409,
    options?: { cause?: unknown },
  ) {
    const both = typeof text === 'string' ? { zh: `请求未被接受：${text}`, en: text } : text;
    super(both.en, options);
    this.text = both;
    this.name = 'DomainError';
  }
}
