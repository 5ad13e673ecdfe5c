/**
 * JSON Canonicalization Scheme (RFC 8785).
 *
 * Object members are sorted by the UTF-16 code units of their names, there is no
 * whitespace, strings use JSON.stringify's escaping (which is the RFC's), and numbers
 * use the ECMAScript Number-to-String algorithm, which RFC 8785 adopts verbatim.
 */
export function canonicalize(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) {
        throw new TypeError('RFC 8785 has no representation for NaN or Infinity');
      }
      // JSON.stringify implements ECMAScript Number::toString, and writes -0 as 0.
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item) => canonicalize(item === undefined ? null : item)).join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        // Default sort compares UTF-16 code units, exactly what the RFC requires.
        .sort()
        .map((key) => `${JSON.stringify(key)}:${canonicalize(record[key])}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`cannot canonicalize a value of type ${typeof value}`);
  }
}
