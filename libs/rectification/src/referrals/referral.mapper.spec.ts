import type { Referral } from '../entities';
import { mapReferralList } from './referral.mapper';

const DAY = 86_400_000;
const now = new Date('2026-12-06T02:00:00Z');

function referral(change: Partial<Referral>): Referral {
  return {
    id: '01a1f6ae-9900-70ec-8e89-0f12a285366d',
    fromNode: '130121',
    targetNode: '130100',
    kind: 'clue',
    body: 'discipline',
    sealed: null,
    recommendation: null,
    cadreTier: 'municipal',
    inspectionId: '01a1f6ae-9900-70ec-8e89-0f12a285366e',
    findingId: '01a1f6ae-9900-70ec-8e89-0f12a285366f',
    organizationName: '井陉县某局党组',
    sentAt: new Date(now.getTime() - 16 * DAY),
    acknowledgeBy: new Date(now.getTime() - DAY),
    acknowledgedAt: null,
    acknowledgedBy: null,
    disposedAt: null,
    disposition: null,
    ...change,
  };
}

describe('the summary of referrals sent', () => {
  it('counts open, overdue (unacknowledged past the deadline) and disposed, with the disposal rate', () => {
    expect(mapReferralList([referral({})], [], now).summary).toEqual({
      sent: 1,
      open: 1,
      overdue: 1,
      disposed: 0,
      disposalRate: 0,
    });
    const sent = [
      referral({ acknowledgedAt: now, disposedAt: now, disposition: '已立案审查。' }),
      referral({ acknowledgedAt: now }),
      referral({ acknowledgeBy: new Date(now.getTime() + DAY) }),
    ];
    expect(mapReferralList(sent, [], now).summary).toEqual({
      sent: 3,
      open: 2,
      overdue: 0,
      disposed: 1,
      disposalRate: 33.3,
    });
    expect(mapReferralList(sent.slice(0, 1), [], now).sent[0]).toMatchObject({
      state: 'disposed',
      stateLabel: '已处置',
    });
  });

  it('names the nodes, the kind and the receiving body in Chinese', () => {
    const names: Record<string, string> = {
      '130121': '井陉县（130121）',
      '130100': '石家庄市（130100）',
    };
    const list = mapReferralList([referral({})], [], now, (id) => names[id] ?? id);
    expect(list.sent[0]).toMatchObject({
      fromNodeLabel: '井陉县（130121）',
      targetNodeLabel: '石家庄市（130100）',
      kindLabel: '问题线索',
      bodyLabel: '纪检监察机关',
    });
    const recommendation = referral({
      kind: 'recommendation',
      body: null,
      recommendation: { department: '县财政局', text: '建议完善补贴发放制度。' },
    });
    expect(mapReferralList([recommendation], [], now).sent[0]).toMatchObject({
      fromNodeLabel: '130121',
      kindLabel: '工作建议',
      bodyLabel: '县财政局',
    });
  });
});
