/**
 * What a message on the wire may be. A receiver refuses (MALFORMED, recorded once as a dead
 * letter) anything beyond these, before it parses more than it must: the checks below are
 * iterative, so no input can exhaust the stack of the code that walks it afterwards.
 */

/**
 * Largest envelope a node publishes or accepts, in UTF-8 bytes. nats-server's default
 * `max_payload` is 1 MiB (1,048,576 bytes) including headers; this leaves room for them.
 */
export const MAX_ENVELOPE_BYTES = 1_000_000;

/** Deepest nesting of arrays and objects in an envelope (the envelope object itself is depth 1). */
export const MAX_JSON_DEPTH = 32;

/** Largest sequence number: the largest integer JSON numbers carry exactly in every language. */
export const MAX_SEQUENCE = Number.MAX_SAFE_INTEGER;

/** How long control messages (sync requests and answers, restarts) may be applied after issue. */
export const CONTROL_TTL_MS = 3600_000;

/** Depth of nested arrays and objects, walked without recursion; stops counting past `limit`. */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (typeof item !== 'object' || item === null) continue;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(item) ? item : Object.values(item))
      stack.push([child, depth + 1]);
  }
  return deepest;
}

/** U+0000, other C0 controls besides tab, line feed and carriage return, and lone surrogates. */
const FORBIDDEN_TEXT =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a string holds characters no member name or string of an envelope may carry. */
export function hasForbiddenText(text: string): boolean {
  return FORBIDDEN_TEXT.test(text);
}

/**
 * Where in a parsed JSON value a string (member name or value) holds forbidden characters:
 * PostgreSQL text cannot store U+0000, and lone surrogates have no UTF-8 form. Iterative.
 */
export function forbiddenTextPaths(value: unknown, max = 5): string[] {
  const found: string[] = [];
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0 && found.length < max) {
    const [item, path] = stack.pop() as [unknown, string];
    if (typeof item === 'string') {
      if (hasForbiddenText(item)) found.push(path || '(value)');
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    if (Array.isArray(item)) {
      item.forEach((child, index) => stack.push([child, `${path}[${index}]`]));
      continue;
    }
    for (const [key, child] of Object.entries(item)) {
      const at = path ? `${path}.${safeText(key)}` : safeText(key);
      if (hasForbiddenText(key)) found.push(at);
      stack.push([child, at]);
    }
  }
  return found;
}

/** The text with forbidden characters replaced by U+FFFD, safe to store and to show. */
export function safeText(text: string): string {
  return text.replace(new RegExp(FORBIDDEN_TEXT.source, 'g'), '\ufffd');
}

/**
 * Problems of a message body before and after parsing, each a sentence for the dead letter:
 * too large, not UTF-8 JSON, nested too deeply, forbidden characters. Empty when none.
 */
export function bodyLimitProblems(bytes: number, parsed: unknown): string[] {
  const problems: string[] = [];
  if (bytes > MAX_ENVELOPE_BYTES)
    problems.push(`message is ${bytes} bytes; the limit is ${MAX_ENVELOPE_BYTES}`);
  if (jsonDepth(parsed) > MAX_JSON_DEPTH)
    problems.push(`JSON is nested more than ${MAX_JSON_DEPTH} levels deep`);
  const text = forbiddenTextPaths(parsed);
  if (text.length > 0)
    problems.push(
      `text holds U+0000, a control character or a lone surrogate at ${text.join(', ')}`,
    );
  return problems;
}

/**
 * A revoked key's envelope that claims a signing time before the revocation is accepted only
 * if the receiver first sees it within this long after the revocation (protocol.md §2.4): a
 * thief holding the key can claim any time, so the claim is believed only for so long.
 */
export const REVOCATION_GRACE_MS = 3600_000;
