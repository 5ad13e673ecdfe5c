import { createHash, randomInt } from 'node:crypto';

/** Letters and digits no one mistakes for another on paper (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
const ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
const LENGTH = 12;

/** A new answer code, e.g. `KMQ7-A3XD-TW9H` (12 characters: about 56 bits). */
export function newCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** The code as typed: upper case, without spaces or dashes, or null if it cannot be one. */
export function normalizeCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== LENGTH) return null;
  for (const c of code) if (!ALPHABET.includes(c)) return null;
  return code;
}

/** What is stored of a code: its SHA-256, of the normalized form. */
export function hashCode(normalized: string): string {
  return createHash('sha256').update(`liandong-evaluation:${normalized}`).digest('hex');
}
