/** Content types accepted as evidence, each with how its first bytes must look. */
export const EVIDENCE_TYPES: Record<string, (data: Buffer) => boolean> = {
  'application/pdf': (d) => d.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (d) =>
    d.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (d) => d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (d) =>
    d.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])),
  'text/plain': (d) => !d.includes(0) && Buffer.from(d.toString('utf8'), 'utf8').equals(d),
};

export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

/** Why a file cannot be evidence, or null when it can. */
export function evidenceProblem(data: Buffer, declaredType: string | undefined): string | null {
  const type = (declaredType ?? '').split(';')[0].trim().toLowerCase();
  const check = EVIDENCE_TYPES[type];
  if (!check)
    return `content type ${type || '(none)'} is not accepted; send one of ${Object.keys(EVIDENCE_TYPES).join(', ')}`;
  if (!Buffer.isBuffer(data) || data.length === 0) return 'the file is empty';
  if (data.length > EVIDENCE_MAX_BYTES)
    return `the file has ${data.length} bytes; evidence files are at most ${EVIDENCE_MAX_BYTES}`;
  if (!check(data)) return `the file's content is not ${type} (its first bytes do not match)`;
  return null;
}
