import { describe, expect, it } from 'vitest';
import {
  daysUntil,
  disposalRateText,
  kindFields,
  proposedContent,
  receivedSummary,
  receiverText,
  referableInspections,
  referralShown,
  referredFindings,
  signedFindings,
  type Referral,
} from './rectification-referrals';
import type { Schemas } from '@/api/client';

const now = new Date('2026-12-06T02:00:00Z'); // 2026-12-06 10:00 in Beijing

function referral(change: Partial<Referral>): Referral {
  return {
    id: 'r1',
    fromNode: '130121',
    fromNodeLabel: '井陉县（130121）',
    targetNode: '130100',
    targetNodeLabel: '石家庄市（130100）',
    kind: 'clue',
    kindLabel: '问题线索',
    body: 'discipline',
    bodyLabel: '纪检监察机关',
    sealed: true,
    recommendation: null,
    cadreTier: 'municipal',
    inspectionId: 'i',
    findingId: 'f1',
    organizationName: '井陉县某局党组',
    sentAt: '2026-12-01T10:00:00+08:00',
    acknowledgeBy: '2026-12-16T10:00:00+08:00',
    acknowledgedAt: null,
    acknowledgedBy: null,
    disposedAt: null,
    disposition: null,
    state: 'open',
    stateLabel: '待签收',
    ...change,
  };
}

describe('daysUntil', () => {
  it('counts Beijing calendar days, whatever the hour', () => {
    expect(daysUntil('2026-12-16T10:00:00+08:00', now)).toBe(10);
    expect(daysUntil('2026-12-06T23:59:00+08:00', now)).toBe(0);
    expect(daysUntil('2026-12-05T23:59:00+08:00', now)).toBe(-1);
    // 2026-12-06 01:00 Beijing is still 12-05 in UTC: the day is Beijing's.
    expect(daysUntil('2026-12-05T17:00:00Z', now)).toBe(0);
  });
});

describe('referralShown', () => {
  it('shows one awaiting acknowledgement green, then yellow within 10 days, with its deadline', () => {
    expect(
      referralShown(referral({ acknowledgeBy: '2026-12-20T10:00:00+08:00' }), now),
    ).toMatchObject({ label: '待签收', level: 'normal', tag: 'success' });
    expect(referralShown(referral({}), now)).toMatchObject({
      label: '待签收',
      level: 'due_soon',
      tag: 'warning',
      deadline: '签收期限 2026年12月16日 · 还剩 10 天',
    });
  });

  it('shows it red when the API says it is overdue', () => {
    const late = referral({
      acknowledgeBy: '2026-12-04T10:00:00+08:00',
      state: 'overdue',
      stateLabel: '逾期未签收',
    });
    expect(referralShown(late, now)).toMatchObject({
      label: '逾期未签收',
      level: 'overdue',
      tag: 'danger',
      color: '#e0302d',
      deadline: '签收期限 2026年12月4日 · 已逾期 2 天',
    });
    const thisMorning = referral({
      acknowledgeBy: '2026-12-06T09:00:00+08:00',
      state: 'overdue',
      stateLabel: '逾期未签收',
    });
    expect(referralShown(thisMorning, now).deadline).toBe('签收期限 2026年12月6日 · 已逾期');
  });

  it('has no deadline once acknowledged, and is green once disposed', () => {
    expect(
      referralShown(referral({ state: 'acknowledged', stateLabel: '已签收' }), now),
    ).toMatchObject({ label: '已签收', tag: 'primary', deadline: null });
    expect(referralShown(referral({ state: 'disposed', stateLabel: '已处置' }), now)).toMatchObject(
      { label: '已处置', level: 'normal', tag: 'success', deadline: null },
    );
  });
});

describe('disposalRateText', () => {
  it('gives the API’s rate with what it counts', () => {
    expect(
      disposalRateText({ sent: 3, open: 2, overdue: 0, disposed: 1, disposalRate: 33.3 }),
    ).toBe('33.3%（已处置 1 件，共移交 3 件）');
    expect(disposalRateText({ sent: 1, open: 0, overdue: 0, disposed: 1, disposalRate: 100 })).toBe(
      '100%（已处置 1 件，共移交 1 件）',
    );
    expect(disposalRateText({ sent: 0, open: 0, overdue: 0, disposed: 0, disposalRate: 0 })).toBe(
      '尚未移交',
    );
  });
});

describe('the referral form', () => {
  it('asks the cadre’s tier for a clue or a cadre-selection problem, a department for a recommendation', () => {
    expect(kindFields('clue')).toEqual({ cadreTier: true, department: false });
    expect(kindFields('cadre_selection')).toEqual({ cadreTier: true, department: false });
    expect(kindFields('recommendation')).toEqual({ cadreTier: false, department: true });
    expect(kindFields('audit')).toEqual({ cadreTier: false, department: false });
  });

  it('names the receiver, and marks the findings already referred', () => {
    expect(receiverText(referral({}))).toBe('石家庄市（130100）纪检监察机关');
    const referred = referredFindings([
      referral({}),
      referral({ id: 'r2', kind: 'recommendation' }),
      referral({ id: 'r3', findingId: 'f2' }),
    ]);
    expect([...referred.keys()]).toEqual(['f1', 'f2']);
    expect(referred.get('f1')?.map((r) => r.id)).toEqual(['r1', 'r2']);
  });
});

describe('what the office may refer', () => {
  const inspection = (id: string, change: Partial<Schemas['InspectionView']>) =>
    ({ id, role: 'conducting', feedbackAt: null, ...change }) as Schemas['InspectionView'];

  it('offers the inspections this node conducted and gave feedback on, the latest first', () => {
    const offered = referableInspections([
      inspection('planned', {}),
      inspection('older', { feedbackAt: '2026-11-01T10:00:00+08:00' }),
      inspection('hosted', { role: 'hosted', feedbackAt: '2026-12-01T10:00:00+08:00' }),
      inspection('newer', { feedbackAt: '2026-12-02T10:00:00+08:00' }),
    ]);
    expect(offered.map((i) => i.id)).toEqual(['newer', 'older']);
  });

  it('offers only signed findings, and proposes their facts and basis as the content', () => {
    const findings = ['drafted', 'checked', 'signed', 'withdrawn'].map(
      (status) => ({ id: status, status }) as Schemas['FindingView'],
    );
    expect(signedFindings(findings).map((f) => f.id)).toEqual(['signed']);
    expect(
      proposedContent({ title: '违规发放津贴补贴', facts: '发放补贴12万元。', basis: '《条例》' }),
    ).toBe('【违规发放津贴补贴】\n发放补贴12万元。\n定性依据：《条例》');
    expect(proposedContent({ title: '台账不全', facts: '未归档。', basis: null })).toBe(
      '【台账不全】\n未归档。',
    );
  });
});

describe('receivedSummary', () => {
  it('counts what awaits the receiving node: to acknowledge (overdue among them), to dispose, disposed', () => {
    const states = ['open', 'overdue', 'acknowledged', 'disposed', 'disposed'] as const;
    expect(receivedSummary(states.map((state, i) => referral({ id: `r${i}`, state })))).toEqual({
      received: 5,
      toAcknowledge: 2,
      overdue: 1,
      toDispose: 1,
      disposed: 2,
    });
    expect(receivedSummary([])).toMatchObject({ received: 0, toAcknowledge: 0 });
  });
});
