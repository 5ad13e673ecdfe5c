import type { Text } from '../domain-error';

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

const EVIDENCE_TYPE_NAMES = 'PDF、PNG、JPEG、Word（.docx）或纯文本（.txt）';

/** Why a file cannot be evidence (in Chinese and English), or null when it can. */
export function evidenceProblem(data: Buffer, declaredType: string | undefined): Text | null {
  const type = (declaredType ?? '').split(';')[0].trim().toLowerCase();
  const check = EVIDENCE_TYPES[type];
  if (!check)
    return {
      zh: `不接受这种文件类型（${type || '未注明类型'}）。证据材料请上传 ${EVIDENCE_TYPE_NAMES} 文件`,
      en: `content type ${type || '(none)'} is not accepted; send one of ${Object.keys(EVIDENCE_TYPES).join(', ')}`,
    };
  if (!Buffer.isBuffer(data) || data.length === 0)
    return {
      zh: '上传的文件是空的。请选择有内容的证据文件重新上传',
      en: 'the file is empty',
    };
  if (data.length > EVIDENCE_MAX_BYTES)
    return {
      zh: `文件过大（${(data.length / 1048576).toFixed(1)} MB），证据文件不能超过 ${EVIDENCE_MAX_BYTES / 1048576} MB。请压缩或拆分后再上传`,
      en: `the file has ${data.length} bytes; evidence files are at most ${EVIDENCE_MAX_BYTES}`,
    };
  if (!check(data))
    return {
      zh: `文件内容与所注明的类型 ${type} 不符（文件开头不是该类型应有的格式）。请确认文件无误，并按文件的实际类型上传`,
      en: `the file's content is not ${type} (its first bytes do not match)`,
    };
  return null;
}
