import type { Schemas } from '@/api/client';

export type Figures = Schemas['FiguresView'];

/** 中央部委 91xxxx, 中央国家机关部门 92xxxx, 中管企业 93xxxx (docs/protocol.md, node ids). */
const CENTRAL_UNIT_KINDS: Record<string, string> = {
  '1': '中央部委',
  '2': '中央国家机关部门',
  '3': '中管企业',
};

/** The kind of a central unit (中央单位) by its node id, or 中央单位 when the id says nothing more. */
export function centralUnitKindLabel(nodeId: string): string {
  return (/^9[1-3]\d{4}$/.test(nodeId) && CENTRAL_UNIT_KINDS[nodeId[1]]) || '中央单位';
}

/** Share of the term elapsed on a day, in percent with one decimal (0 before, 100 after). */
export function termElapsedPercent(
  term: { startsOn: string; endsOn: string | null } | null,
  today: string,
): number | null {
  if (!term?.endsOn) return null;
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`);
  const span = day(term.endsOn) - day(term.startsOn);
  if (span <= 0) return 100;
  const share = (day(today) - day(term.startsOn)) / span;
  return Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10;
}

/** Ahead or behind: the coverage rate against the share of the term elapsed. */
export function paceNote(rate: number, elapsed: number | null): string {
  if (elapsed === null) return '设定届期后可比较覆盖进度与届期进度';
  const gap = Math.round((rate - elapsed) * 10) / 10;
  if (gap >= 0) return `覆盖率 ${rate}%，届期已过 ${elapsed}%，进度领先 ${gap} 个百分点`;
  return `覆盖率 ${rate}%，届期已过 ${elapsed}%，进度落后 ${-gap} 个百分点`;
}

export interface CoverageBars {
  names: string[];
  own: number[];
  escalated: number[];
  cross: number[];
  remaining: number[];
}

/** One stacked bar per child (its subtree): 本级巡察, 提级巡察, 交叉巡察, 未覆盖. */
export function coverageBars(rows: { name: string; subtree: Figures }[]): CoverageBars {
  return {
    names: rows.map((r) => r.name),
    own: rows.map((r) => r.subtree.coveredOwn),
    escalated: rows.map((r) => r.subtree.coveredEscalated),
    cross: rows.map((r) => r.subtree.coveredCross),
    remaining: rows.map((r) => r.subtree.remaining),
  };
}

/** 1,234 as an office writes it. */
export function count(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toLocaleString('zh-CN');
}
