/** A message for a person, in Chinese first, with the English beside it. */
export interface Text {
  zh: string;
  en: string;
}

/** The HTTP statuses a refusal answers with. */
export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

/**
 * One thing a refusal is about, by name (a field of the request, or a record such as a
 * finding by its id), with what is wrong with it in Chinese and English. Sent as `fields`.
 */
export interface RefusalField {
  field: string;
  label: string;
  problems: string[];
  problemsEn: string[];
}

/**
 * A refusal of a request by a domain rule. `status` is the HTTP status the API answers
 * with; `code` is stable and documented; the text says what was refused and what to do,
 * in Chinese (shown to people) and English (for logs and foreign clients).
 */
export class DomainError extends Error {
  /** What the refusal is about, one by one, where a person should see each (sent as `fields`). */
  readonly fields?: RefusalField[];

  constructor(
    readonly code: string,
    readonly text: Text,
    readonly status: RefusalStatus = 409,
    options?: { cause?: unknown; fields?: RefusalField[] },
  ) {
    super(text.en, options);
    this.name = 'DomainError';
    this.fields = options?.fields;
  }
}
