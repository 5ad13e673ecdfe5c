import type { Schemas } from '@/api/client';

/** 中央巡视机构, 石家庄市 · 市级巡察机构: provinces and above inspect (巡视), cities and counties 巡察. */
export function officeLabel(tier: string): string {
  switch (tier) {
    case 'central':
      return '中央巡视机构';
    case 'provincial':
      return '省级巡视机构';
    case 'municipal':
      return '市级巡察机构';
    case 'county':
      return '县级巡察机构';
    case 'central_unit':
      return '中央单位内部巡视机构';
    default:
      return '巡视巡察机构';
  }
}

/** Whether a node of this tier has child nodes: a county and a central unit (中央单位) have none. */
export function hasChildNodes(tier: string | undefined): boolean {
  return tier !== undefined && tier !== 'county' && tier !== 'central_unit';
}

/** 下级 / 全辖区 */
export const SCOPE_LABELS: Record<'children' | 'subtree', string> = {
  children: '直接下级',
  subtree: '全辖区（所有下级）',
};

/** 问题类别: central's problem category catalogue, version 1 (the codes are the API's). */
export type ProblemCategory = NonNullable<Schemas['FindingDto']['category']>;
export const PROBLEM_CATEGORY_LABELS: Record<ProblemCategory, string> = {
  political: '政治建设',
  theoretical: '思想建设',
  organizational: '组织建设',
  conduct: '作风建设（含落实中央八项规定精神）',
  discipline: '纪律建设',
  integrity: '党风廉政建设与反腐败',
  cadre_selection: '选人用人',
  ideology: '意识形态',
  rectification: '巡视巡察整改落实',
  other: '其他',
};
