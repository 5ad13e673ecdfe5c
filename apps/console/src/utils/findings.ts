import type { Schemas } from '@/api/client';
import { ApiError } from '@/api/client';

export type Finding = Schemas['FindingView'];
export type TrailEntry = Schemas['FindingTrailEntryView'];
export type TeamRole = Schemas['MyInspectionView']['teamRole'];
export type ReportVersion = Schemas['ReportVersionView'];
export type ReportedFinding = Schemas['ReportedFindingView'];

/** A finding's state as a tag: neutral colours (red, yellow and green mean deadlines). */
export const FINDING_STATUS_TAGS: Record<string, 'info' | 'primary' | 'success' | 'danger'> = {
  drafted: 'info',
  checked: 'primary',
  signed: 'success',
  withdrawn: 'danger',
};

export interface ReviewStep {
  key: 'drafted' | 'checked' | 'signed';
  title: string;
  /** Who took the step (a username), when it is taken. */
  who: string | null;
  /** When, from the trail: the latest time the step was taken since the last return. */
  when: string | null;
  state: 'done' | 'current' | 'waiting';
}

/** The last trail entry of `action` (after `since`, if given). */
function lastOf(trail: TrailEntry[], action: string, since?: number): TrailEntry | undefined {
  return [...trail]
    .reverse()
    .find((e) => e.action === action && (since === undefined || e.seq > since));
}

/**
 * 起草 → 副组长审核 → 组长签字, from the finding (who) and its trail (when). A return to draft
 * starts the chain again: only steps taken after it count. The step waiting to be taken next is
 * `current`; a withdrawn finding has none.
 */
export function reviewSteps(finding: Finding, trail: TrailEntry[] = []): ReviewStep[] {
  const returned = lastOf(trail, 'finding.returned')?.seq;
  const drafted = lastOf(trail, 'finding.drafted');
  const checked = finding.checkedBy ? lastOf(trail, 'finding.checked', returned) : undefined;
  const signed = finding.signedBy ? lastOf(trail, 'finding.signed', returned) : undefined;
  const steps: ReviewStep[] = [
    {
      key: 'drafted',
      title: '起草',
      who: finding.draftedBy,
      when: drafted?.occurredAt ?? finding.createdAt,
      state: 'done',
    },
    {
      key: 'checked',
      title: '副组长审核',
      who: finding.checkedBy,
      when: checked?.occurredAt ?? null,
      state: finding.checkedBy ? 'done' : 'waiting',
    },
    {
      key: 'signed',
      title: '组长签字',
      who: finding.signedBy,
      when: signed?.occurredAt ?? null,
      state: finding.signedBy ? 'done' : 'waiting',
    },
  ];
  if (finding.status !== 'withdrawn') {
    const next = steps.find((s) => s.state === 'waiting');
    if (next) next.state = 'current';
  }
  return steps;
}

/** How many steps of the chain are done (Element Plus's `active`). */
export function doneSteps(steps: ReviewStep[]): number {
  return steps.filter((s) => s.state === 'done').length;
}

export interface FindingActions {
  revise: boolean;
  addEvidence: boolean;
  check: boolean;
  sign: boolean;
  returnToDraft: boolean;
  withdraw: boolean;
}

/**
 * What the signed-in person may do next with a finding: the next step of the chain for their
 * role on the team (组长 signs and returns, 副组长 checks, any of the team drafts, revises and adds
 * evidence), the office withdraws; each only where the API lets their roles call the route
 * (`can`). Completeness and the like stay with the API: its refusal is shown.
 */
export function findingActions(
  finding: Pick<Finding, 'status'>,
  teamRole: TeamRole | null | undefined,
  can: (route: string) => boolean,
): FindingActions {
  const { status } = finding;
  const onTeam = !!teamRole;
  return {
    revise: onTeam && status === 'drafted' && can('PATCH /findings/{id}'),
    addEvidence:
      onTeam &&
      (status === 'drafted' || status === 'checked') &&
      can('POST /findings/{id}/evidence'),
    check: teamRole === 'deputy_leader' && status === 'drafted' && can('POST /findings/{id}/check'),
    sign: teamRole === 'leader' && status === 'checked' && can('POST /findings/{id}/sign'),
    returnToDraft:
      teamRole === 'leader' &&
      (status === 'checked' || status === 'signed') &&
      can('POST /findings/{id}/return'),
    withdraw: status !== 'withdrawn' && can('POST /findings/{id}/withdraw'),
  };
}

export interface IncompleteFinding {
  findingId: string;
  title: string;
  problems: string[];
}

/** The findings a refused finalization names, each with what it lacks (empty for other refusals). */
export function incompleteFindings(error: unknown): IncompleteFinding[] {
  if (!(error instanceof ApiError) || error.error !== 'FINDINGS_INCOMPLETE') return [];
  return error.fields.map((f) => ({ findingId: f.field, title: f.label, problems: f.problems }));
}

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
