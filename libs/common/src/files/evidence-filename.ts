/** What an evidence file is called when nothing usable is left of the name it came with. */
export const FALLBACK_FILENAME = '证据';

/** At most this many UTF-8 bytes (file systems allow 255; the rest is margin). */
export const FILENAME_MAX_BYTES = 200;

/** Control characters: C0, DEL and C1. */
function isControl(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}
/** Zero-width characters and bidirectional overrides, which make `txt.exe` read as `exe.txt`. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Not allowed in Windows names; `:` would open an alternate data stream. */
const RESERVED = /[<>:"|?*]/g;
/** Windows device names, which a saved file must not be called. */
const DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
}

/** Cuts the stem (never the extension, never inside a character) to the byte limit. */
function truncate(name: string): string {
  if (Buffer.byteLength(name, 'utf8') <= FILENAME_MAX_BYTES) return name;
  const ext = extensionOf(name);
  const stem = Array.from(name.slice(0, name.length - ext.length));
  while (stem.length > 0 && Buffer.byteLength(stem.join('') + ext, 'utf8') > FILENAME_MAX_BYTES)
    stem.pop();
  return `${stem.join('').replace(/[.\s]+$/u, '')}${ext}`;
}

/**
 * A safe base name for an uploaded file: no directory part (for `/` and `\` alike), no `.` or
 * `..`, no control or invisible characters, no leading or trailing dots and spaces, no
 * characters Windows refuses, not a device name, at most 200 bytes; `证据` when nothing is left.
 * `../../etc/passwd` → `passwd`, `..\..\windows\win.ini` → `win.ini`.
 */
export function safeFilename(raw: string): string {
  const cleaned = Array.from(raw.normalize('NFC'))
    .filter((char) => !isControl(char))
    .join('')
    .replace(INVISIBLE, '');
  const segments = cleaned
    .split(/[\\/]+/)
    .map((segment) => segment.replace(RESERVED, '_').replace(/^[.\s]+|[.\s]+$/gu, ''))
    .filter((segment) => segment.length > 0);
  let name = segments[segments.length - 1] ?? '';
  if (DEVICE.test(name)) name = `_${name}`;
  name = truncate(name);
  return name.length > 0 ? name : FALLBACK_FILENAME;
}

/** RFC 5987 `attr-char`s stay, everything else is percent-encoded (UTF-8). */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `Content-Disposition` for a download (RFC 6266): the name as `filename*=UTF-8''…` (RFC 5987),
 * and an ASCII `filename="…"` for clients that do not read it — the name itself when it is
 * plain ASCII, else `evidence` with the name's extension.
 */
export function attachmentDisposition(name: string, asciiStem = 'evidence'): string {
  const safe = safeFilename(name);
  const ext = extensionOf(safe);
  const ascii = /^[\x20-\x7e]+$/.test(safe)
    ? safe.replace(/["\\%]/g, '_')
    : `${asciiStem}${/^\.[A-Za-z0-9]{1,10}$/.test(ext) ? ext : ''}`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(safe)}`;
}
