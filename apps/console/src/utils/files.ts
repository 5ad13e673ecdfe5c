/** What a person sees of an evidence file before and after it is uploaded: type, size, SHA-256. */

/** The types a node accepts as evidence, as a person names them. */
export const EVIDENCE_TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF 文档',
  'image/png': 'PNG 图片',
  'image/jpeg': 'JPEG 图片',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word 文档',
  'text/plain': '文本文件',
};

/** What the file input offers: photos (the phone's camera) and PDFs first, the other accepted types too. */
export const EVIDENCE_ACCEPT = 'image/*,application/pdf';

const BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  txt: 'text/plain',
};

/** A file's content type: as the browser says it, else from its name's extension ('' if unknown). */
export function contentTypeOf(file: { name: string; type: string }): string {
  if (file.type) return file.type.split(';')[0].trim().toLowerCase();
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return BY_EXTENSION[extension] ?? '';
}

/** PDF 文档, PNG 图片; another type by its own name; 未知类型 for none. */
export function typeLabel(contentType: string): string {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (!type) return '未知类型';
  return EVIDENCE_TYPE_LABELS[type] ?? `${type}（本节点不接受）`;
}

/** 512 B, 1.5 KB, 2.0 MB (1 KB = 1024 bytes, one decimal from KB on). */
export function sizeLabel(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Whether the browser can show a file of this type itself: as an image, a PDF, or not. */
export function previewKind(contentType: string): 'image' | 'pdf' | null {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === 'image/png' || type === 'image/jpeg') return 'image';
  if (type === 'application/pdf') return 'pdf';
  return null;
}

/** The SHA-256 of a file's bytes, in lower-case hex, computed in the browser (Web Crypto). */
export async function sha256Of(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** 9f86d081…0f00a08 — a hash short enough to read, long enough to compare by eye. */
export function shortHash(hash: string): string {
  return hash.length > 20 ? `${hash.slice(0, 8)}…${hash.slice(-8)}` : hash;
}

/**
 * Whether the node kept the very file the browser sent: the hash the browser computed against
 * the one the node returns ('unknown' while either is missing).
 */
export function hashCheck(
  local: string | undefined,
  remote: string | undefined,
): 'same' | 'different' | 'unknown' {
  if (!local || !remote) return 'unknown';
  return local.toLowerCase() === remote.toLowerCase() ? 'same' : 'different';
}
