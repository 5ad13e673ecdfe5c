import type { Schemas } from '@/api/client';
import { beijingToday, formatDate } from './time';
import { daysLeftText, LEVEL_STYLES, type WorkLevel } from './work';

export type Referral = Schemas['ReferralView'];
export type ReferralSummary = Schemas['ReferralSummaryView'];
export type ReferralKind = Schemas['ReferralDto']['kind'];
export type Tier = NonNullable<Schemas['ReferralDto']['cadreTier']>;

/** The kinds of referral with their Chinese names (the glossary's), in the order offered. */
export const REFERRAL_KINDS: { value: ReferralKind; label: string; hint: string }[] = [
  { value: 'clue', label: '问题线索', hint: '按干部管理权限移交纪检监察机关' },
  { value: 'cadre_selection', label: '选人用人问题', hint: '按干部管理权限移交组织部门' },
  { value: 'audit', label: '审计问题', hint: '移交被巡察对象所在地的审计机关' },
  { value: 'petition', label: '信访问题', hint: '移交被巡察对象所在地的信访部门' },
  { value: 'recommendation', label: '工作建议', hint: '向职能部门提出，须填写部门名称' },
];

export const TIERS: { value: Tier; label: string }[] = [
  { value: 'central', label: '中央' },
  { value: 'provincial', label: '省级' },
  { value: 'municipal', label: '市级' },
  { value: 'county', label: '县级' },
];

/** Which fields the form asks for a kind: the cadre's tier (clue, cadre selection) or a department. */
export function kindFields(kind: ReferralKind): { cadreTier: boolean; department: boolean } {
  return {
    cadreTier: kind === 'clue' || kind === 'cadre_selection',
    department: kind === 'recommendation',
  };
}

/** How a referral's state is shown: the API's state label in its colour, and the deadline's words. */
export interface ReferralShown {
  label: string;
  level: WorkLevel;
  tag: 'danger' | 'warning' | 'success' | 'info' | 'primary';
  color: string;
  /** For one awaiting acknowledgement: 签收期限 2026年12月5日 · 还剩 3 天 / 已逾期 2 天. */
  deadline: string | null;
}

const DAY_MS = 86_400_000;

/** Days from Beijing's today to the Beijing day of an instant (negative once past). */
export function daysUntil(instant: string, now: Date = new Date()): number {
  const [y, m, d] = beijingToday(now).split('-').map(Number);
  const [dy, dm, dd] = beijingToday(new Date(instant)).split('-').map(Number);
  return Math.round((Date.UTC(dy, dm - 1, dd) - Date.UTC(y, m - 1, d)) / DAY_MS);
}

/**
 * 三色 for a referral: overdue (unacknowledged past its day, as the API says) red; awaiting
 * acknowledgement within 10 days yellow, earlier green; acknowledged blue; disposed green.
 */
export function referralShown(referral: Referral, now: Date = new Date()): ReferralShown {
  const label = referral.stateLabel;
  switch (referral.state) {
    case 'disposed':
      return { label, level: 'normal', tag: 'success', ...color('normal'), deadline: null };
    case 'acknowledged':
      return { label, level: 'normal', tag: 'primary', color: '#409eff', deadline: null };
    default: {
      const days = daysUntil(referral.acknowledgeBy, now);
      const level: WorkLevel =
        referral.state === 'overdue' ? 'overdue' : days <= 10 ? 'due_soon' : 'normal';
      return {
        label,
        level,
        tag: LEVEL_STYLES[level].tag,
        ...color(level),
        // Past its hour on its last day, it is overdue though the day has not turned.
        deadline: `签收期限 ${formatDate(referral.acknowledgeBy)} · ${
          referral.state === 'overdue' && days >= 0 ? '已逾期' : daysLeftText(days)
        }`,
      };
    }
  }
}

function color(level: WorkLevel): { color: string } {
  return { color: LEVEL_STYLES[level].color };
}

/** 处置率 33.3%（已处置 1 件，共移交 3 件）, from the API's summary. */
export function disposalRateText(summary: ReferralSummary): string {
  if (summary.sent === 0) return '尚未移交';
  return `${summary.disposalRate}%（已处置 ${summary.disposed} 件，共移交 ${summary.sent} 件）`;
}

/** Who receives it: 石家庄市（130100）纪检监察机关 / 井陉县（130121）县财政局. */
export function receiverText(referral: Referral): string {
  return `${referral.targetNodeLabel}${referral.bodyLabel}`;
}

/** The findings already referred, by finding id: what the form marks as 已移交. */
export function referredFindings(sent: Referral[]): Map<string, Referral[]> {
  const byFinding = new Map<string, Referral[]>();
  for (const r of sent) byFinding.set(r.findingId, [...(byFinding.get(r.findingId) ?? []), r]);
  return byFinding;
}

type Inspection = Schemas['InspectionView'];
type Finding = Schemas['FindingView'];

/**
 * The inspections whose findings this node may refer from the console: those it conducted
 * and has given feedback on (the findings are its own), the latest feedback first.
 */
export function referableInspections(inspections: Inspection[]): Inspection[] {
  return inspections
    .filter((i) => i.role === 'conducting' && i.feedbackAt !== null)
    .sort((a, b) => String(b.feedbackAt).localeCompare(String(a.feedbackAt)));
}

/** The findings the leader signed: only those are referred. */
export function signedFindings(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.status === 'signed');
}

/** What the form proposes to hand over: the finding's title, facts and basis. */
export function proposedContent(finding: Pick<Finding, 'title' | 'facts' | 'basis'>): string {
  return [`【${finding.title}】`, finding.facts, finding.basis ? `定性依据：${finding.basis}` : '']
    .filter(Boolean)
    .join('\n');
}

/** What awaits a receiving node among the referrals it received, counted by their API state. */
export interface ReceivedSummary {
  received: number;
  toAcknowledge: number;
  overdue: number;
  toDispose: number;
  disposed: number;
}

export function receivedSummary(received: Referral[]): ReceivedSummary {
  const count = (...states: Referral['state'][]) =>
    received.filter((r) => states.includes(r.state)).length;
  return {
    received: received.length,
    toAcknowledge: count('open', 'overdue'),
    overdue: count('overdue'),
    toDispose: count('acknowledged'),
    disposed: count('disposed'),
  };
}
