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
