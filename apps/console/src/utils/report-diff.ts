/** Comparing two versions of a report: text by character, findings by field (版本对比). */
import type { ReportedFinding, ReportVersion } from './findings';

/** A piece of text as the two versions have it: the same, only in the older, only in the newer. */
export interface TextPiece {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** Beyond this many character pairs a text is shown as replaced whole, not compared. */
const DIFF_LIMIT = 4_000_000;

function merge(pieces: TextPiece[]): TextPiece[] {
  const out: TextPiece[] = [];
  for (const piece of pieces) {
    const last = out[out.length - 1];
    if (last && last.kind === piece.kind) last.text += piece.text;
    else if (piece.text) out.push({ ...piece });
  }
  return out;
}

/** The difference of two texts, character by character (longest common subsequence). */
export function textDiff(before: string, after: string): TextPiece[] {
  if (before === after) return before ? [{ kind: 'same', text: before }] : [];
  const a = Array.from(before);
  const b = Array.from(after);
  if (a.length * b.length > DIFF_LIMIT)
    return merge([
      { kind: 'removed', text: before },
      { kind: 'added', text: after },
    ]);
  const rows = a.length + 1;
  const cols = b.length + 1;
  const lcs = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * cols + j] =
        a[i] === b[j]
          ? lcs[(i + 1) * cols + j + 1] + 1
          : Math.max(lcs[(i + 1) * cols + j], lcs[i * cols + j + 1]);
  const pieces: TextPiece[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pieces.push({ kind: 'same', text: a[i] });
      i++;
      j++;
    } else if (lcs[(i + 1) * cols + j] >= lcs[i * cols + j + 1]) {
      pieces.push({ kind: 'removed', text: a[i++] });
    } else {
      pieces.push({ kind: 'added', text: b[j++] });
    }
  }
  while (i < a.length) pieces.push({ kind: 'removed', text: a[i++] });
  while (j < b.length) pieces.push({ kind: 'added', text: b[j++] });
  return merge(pieces);
}

export const REPORTED_FIELDS = [
  { key: 'title', label: '标题' },
  { key: 'facts', label: '事实' },
  { key: 'basis', label: '定性依据' },
  { key: 'evidence', label: '证据材料' },
] as const;

export type ReportedField = (typeof REPORTED_FIELDS)[number]['key'];

/** Evidence as a report holds it, one file a line, for comparing two versions. */
export function evidenceText(finding: ReportedFinding): string {
  return finding.evidence.map((e) => `${e.filename}（SHA-256 ${e.sha256}）`).join('\n');
}

function fieldText(finding: ReportedFinding, key: ReportedField): string {
  return key === 'evidence' ? evidenceText(finding) : finding[key];
}

export interface FieldChange {
  key: ReportedField;
  label: string;
  before: string;
  after: string;
  pieces: TextPiece[];
}

export interface FindingDiff {
  findingId: string;
  /** The title the newer version gives it (the older's for a removed finding). */
  title: string;
  kind: 'added' | 'removed' | 'changed' | 'same';
  before: ReportedFinding | null;
  after: ReportedFinding | null;
  changes: FieldChange[];
}

export interface ReportDiff {
  summary: { before: string; after: string; pieces: TextPiece[]; changed: boolean };
  findings: FindingDiff[];
  counts: { added: number; removed: number; changed: number; same: number };
}

/**
 * Two versions of a report side by side, finding by finding (by its id): added in the newer,
 * removed from it, changed (which fields, and how the text changed) or the same. In the newer
 * version's order, each removed finding where the older version had it.
 */
export function reportDiff(
  before: Pick<ReportVersion, 'summary' | 'findings'>,
  after: Pick<ReportVersion, 'summary' | 'findings'>,
): ReportDiff {
  const older = new Map(before.findings.map((f) => [f.findingId, f]));
  const newer = new Map(after.findings.map((f) => [f.findingId, f]));
  const diffs: FindingDiff[] = [];
  const compare = (f: ReportedFinding): FindingDiff => {
    const was = older.get(f.findingId);
    if (!was)
      return {
        findingId: f.findingId,
        title: f.title,
        kind: 'added',
        before: null,
        after: f,
        changes: [],
      };
    const changes = REPORTED_FIELDS.flatMap(({ key, label }) => {
      const [b, a] = [fieldText(was, key), fieldText(f, key)];
      return b === a ? [] : [{ key, label, before: b, after: a, pieces: textDiff(b, a) }];
    });
    return {
      findingId: f.findingId,
      title: f.title,
      kind: changes.length ? 'changed' : 'same',
      before: was,
      after: f,
      changes,
    };
  };
  const removed = (f: ReportedFinding): FindingDiff => ({
    findingId: f.findingId,
    title: f.title,
    kind: 'removed',
    before: f,
    after: null,
    changes: [],
  });
  // Walk the newer version; a finding only the older has comes in where it stood there
  // (right after the finding before it in the older version).
  let cursor = 0;
  const flushRemoved = (until: number) => {
    for (; cursor < until; cursor++) {
      const o = before.findings[cursor];
      if (!newer.has(o.findingId)) diffs.push(removed(o));
    }
  };
  for (const f of after.findings) {
    const at = before.findings.findIndex((o) => o.findingId === f.findingId);
    if (at >= cursor) flushRemoved(at);
    diffs.push(compare(f));
    if (at >= 0) {
      cursor = Math.max(cursor, at + 1);
      while (cursor < before.findings.length && !newer.has(before.findings[cursor].findingId))
        diffs.push(removed(before.findings[cursor++]));
    }
  }
  flushRemoved(before.findings.length);
  const counts = { added: 0, removed: 0, changed: 0, same: 0 };
  for (const d of diffs) counts[d.kind]++;
  return {
    summary: {
      before: before.summary,
      after: after.summary,
      pieces: textDiff(before.summary, after.summary),
      changed: before.summary !== after.summary,
    },
    findings: diffs,
    counts,
  };
}

export const DIFF_KIND_LABELS: Record<FindingDiff['kind'], string> = {
  added: '新增',
  removed: '删除',
  changed: '有修改',
  same: '未变',
};
