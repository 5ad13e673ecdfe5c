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
