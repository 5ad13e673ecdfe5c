import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/client';
import {
  doneSteps,
  findingActions,
  incompleteFindings,
  reviewSteps,
  type Finding,
  type ReportedFinding,
  type TrailEntry,
} from './findings';
import { reportDiff, textDiff } from './report-diff';

const finding = (over: Partial<Finding> = {}): Finding => ({
  id: 'f1',
  inspectionId: 'i1',
  title: '违规发放津贴补贴',
  facts: '事实。',
  basis: '《条例》',
  category: null,
  categoryLabel: '未分类',
  status: 'drafted',
  statusLabel: '已起草',
  draftedBy: 'member',
  checkedBy: null,
  signedBy: null,
  createdAt: '2026-12-01T09:00:00.000+08:00',
  returnedReason: null,
  returnedBy: null,
  returnedAt: null,
  withdrawnReason: null,
  withdrawnBy: null,
  withdrawnAt: null,
  ...over,
});

let seq = 0;
const entry = (action: string, actor: string, occurredAt: string): TrailEntry => ({
  seq: ++seq,
  occurredAt,
  actor: `user:${actor}`,
  action,
  actionLabel: action,
  reason: null,
  filename: null,
  sha256: null,
});

describe('reviewSteps', () => {
  it('shows a draft as drafted, with the deputy leader’s check next', () => {
    const steps = reviewSteps(finding(), [entry('finding.drafted', 'member', 'T1')]);
    expect(steps.map((s) => [s.title, s.state, s.who, s.when])).toEqual([
      ['起草', 'done', 'member', 'T1'],
      ['副组长审核', 'current', null, null],
      ['组长签字', 'waiting', null, null],
    ]);
    expect(doneSteps(steps)).toBe(1);
  });

  it('names who checked and signed, and when, from the trail', () => {
    const trail = [
      entry('finding.drafted', 'member', 'T1'),
      entry('evidence.added', 'member', 'T2'),
      entry('finding.checked', 'deputy', 'T3'),
      entry('finding.signed', 'leader', 'T4'),
    ];
    const steps = reviewSteps(
      finding({ status: 'signed', checkedBy: 'deputy', signedBy: 'leader' }),
      trail,
    );
    expect(steps.map((s) => [s.state, s.who, s.when])).toEqual([
      ['done', 'member', 'T1'],
      ['done', 'deputy', 'T3'],
      ['done', 'leader', 'T4'],
    ]);
    expect(doneSteps(steps)).toBe(3);
  });

  it('starts the chain again after a return: an earlier check no longer counts', () => {
    const trail = [
      entry('finding.drafted', 'member', 'T1'),
      entry('finding.checked', 'deputy', 'T2'),
      entry('finding.returned', 'leader', 'T3'),
      entry('finding.checked', 'deputy', 'T4'),
    ];
    const checkedAgain = reviewSteps(finding({ status: 'checked', checkedBy: 'deputy' }), trail);
    expect(checkedAgain[1]).toMatchObject({ state: 'done', when: 'T4' });
    expect(checkedAgain[2].state).toBe('current');
    const justReturned = reviewSteps(finding({ returnedBy: 'leader' }), trail.slice(0, 3));
    expect(justReturned[1]).toMatchObject({ state: 'current', who: null, when: null });
  });

  it('has no step waiting for a withdrawn finding', () => {
    const steps = reviewSteps(finding({ status: 'withdrawn', withdrawnBy: 'office' }));
    expect(steps.map((s) => s.state)).toEqual(['done', 'waiting', 'waiting']);
    expect(steps[0].when).toBe('2026-12-01T09:00:00.000+08:00');
  });
});

describe('findingActions', () => {
  const everything = (route: string) => !!route;
  const offered = (
    status: Finding['status'],
    role: Parameters<typeof findingActions>[1],
    can = everything,
  ) =>
    Object.entries(findingActions({ status }, role, can))
      .filter(([, yes]) => yes)
      .map(([name]) => name);

  it('offers the deputy leader the check of a draft, and the leader nothing but the team’s own work then', () => {
    expect(offered('drafted', 'deputy_leader')).toEqual([
      'revise',
      'addEvidence',
      'check',
      'withdraw',
    ]);
    expect(offered('drafted', 'leader')).toEqual(['revise', 'addEvidence', 'withdraw']);
    expect(offered('drafted', 'member')).toEqual(['revise', 'addEvidence', 'withdraw']);
  });

  it('offers the leader the signature of a checked finding and its return; the leader alone', () => {
    expect(offered('checked', 'leader')).toEqual([
      'addEvidence',
      'sign',
      'returnToDraft',
      'withdraw',
    ]);
    expect(offered('checked', 'deputy_leader')).toEqual(['addEvidence', 'withdraw']);
    expect(offered('signed', 'leader')).toEqual(['returnToDraft', 'withdraw']);
    expect(offered('signed', 'member')).toEqual(['withdraw']);
  });

  it('offers only what the person’s roles may call: the office withdraws, off the team', () => {
    const office = (route: string) => route === 'POST /findings/{id}/withdraw';
    expect(offered('signed', null, office)).toEqual(['withdraw']);
    expect(offered('withdrawn', null, office)).toEqual([]);
    const member = (route: string) =>
      route !== 'POST /findings/{id}/withdraw' && route !== 'POST /findings/{id}/sign';
    expect(offered('checked', 'leader', member)).toEqual(['addEvidence', 'returnToDraft']);
    // The leading group reads; it is on no team.
    expect(offered('drafted', null, () => false)).toEqual([]);
  });
});

describe('incompleteFindings', () => {
  it('reads the findings a refused finalization names, by id', () => {
    const refusal = new ApiError(
      409,
      '以下问题尚不完整……',
      [{ field: 'f2', label: '《甲》', problems: ['缺少证据材料'], problemsEn: ['no evidence'] }],
      'FINDINGS_INCOMPLETE',
    );
    expect(incompleteFindings(refusal)).toEqual([
      { findingId: 'f2', title: '《甲》', problems: ['缺少证据材料'] },
    ]);
    expect(incompleteFindings(new ApiError(409, '……', [], 'NO_FINDINGS'))).toEqual([]);
    expect(incompleteFindings(new Error('x'))).toEqual([]);
  });
});

describe('textDiff', () => {
  it('marks what was removed and added, character by character', () => {
    expect(textDiff('发放补贴12万元。', '发放补贴15万元。')).toEqual([
      { kind: 'same', text: '发放补贴1' },
      { kind: 'removed', text: '2' },
      { kind: 'added', text: '5' },
      { kind: 'same', text: '万元。' },
    ]);
    expect(textDiff('', '新')).toEqual([{ kind: 'added', text: '新' }]);
    expect(textDiff('同', '同')).toEqual([{ kind: 'same', text: '同' }]);
    expect(textDiff('', '')).toEqual([]);
  });

  it('shows a very long text as replaced whole instead of comparing it', () => {
    const long = 'a'.repeat(3000);
    expect(textDiff(long, `${long}b`.replace(/^a/, 'c'))).toEqual([
      { kind: 'removed', text: long },
      { kind: 'added', text: `c${'a'.repeat(2999)}b` },
    ]);
  });
});

describe('reportDiff', () => {
  const reported = (id: string, over: Partial<ReportedFinding> = {}): ReportedFinding => ({
    findingId: id,
    title: `问题${id}`,
    facts: `事实${id}`,
    basis: '《条例》',
    evidence: [{ id: `e${id}`, filename: `${id}.pdf`, sha256: `h${id}`, size: 10 }],
    signedBy: 'leader',
    ...over,
  });

  it('compares two versions finding by finding: added, removed, changed text, the same', () => {
    const v1 = {
      summary: '发现问题3个。',
      findings: [reported('a'), reported('b'), reported('c')],
    };
    const v2 = {
      summary: '发现问题3个，更正1个。',
      findings: [reported('a'), reported('c', { facts: '事实c（已核实）' }), reported('d')],
    };
    const diff = reportDiff(v1, v2);
    expect(diff.findings.map((f) => [f.findingId, f.kind])).toEqual([
      ['a', 'same'],
      ['b', 'removed'],
      ['c', 'changed'],
      ['d', 'added'],
    ]);
    expect(diff.counts).toEqual({ added: 1, removed: 1, changed: 1, same: 1 });
    const [facts] = diff.findings[2].changes;
    expect(facts).toMatchObject({
      key: 'facts',
      label: '事实',
      before: '事实c',
      after: '事实c（已核实）',
    });
    expect(facts.pieces).toEqual([
      { kind: 'same', text: '事实c' },
      { kind: 'added', text: '（已核实）' },
    ]);
    expect(diff.findings[1]).toMatchObject({
      title: '问题b',
      before: { findingId: 'b' },
      after: null,
    });
    expect(diff.summary.changed).toBe(true);
  });

  it('puts a removed finding right after the one before it, ahead of those added', () => {
    const diff = reportDiff(
      { summary: 's', findings: [reported('a'), reported('b')] },
      { summary: 's', findings: [reported('a'), reported('d')] },
    );
    expect(diff.findings.map((f) => [f.findingId, f.kind])).toEqual([
      ['a', 'same'],
      ['b', 'removed'],
      ['d', 'added'],
    ]);
  });

  it('sees changed evidence and titles, and keeps a removed finding where it stood', () => {
    const v1 = { summary: 's', findings: [reported('a'), reported('b')] };
    const v2 = {
      summary: 's',
      findings: [
        reported('b', {
          title: '问题b（更正）',
          evidence: [{ id: 'x', filename: 'b.pdf', sha256: 'other', size: 10 }],
        }),
      ],
    };
    const diff = reportDiff(v1, v2);
    expect(diff.findings.map((f) => [f.findingId, f.kind])).toEqual([
      ['a', 'removed'],
      ['b', 'changed'],
    ]);
    expect(diff.findings[1].changes.map((c) => c.label)).toEqual(['标题', '证据材料']);
    expect(diff.findings[1].title).toBe('问题b（更正）');
    expect(diff.summary.changed).toBe(false);
  });
});
