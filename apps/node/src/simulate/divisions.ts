import { areaList } from '@vant/area-data';
import { CENTRAL_NODE_ID, NodeSpec } from '@liandong/protocol';

/**
 * The national tree of the simulation, from the GB/T 2260 codes of `@vant/area-data`: central,
 * the 31 provincial-level divisions of the mainland (Hong Kong, Macao and Taiwan have no party
 * inspection offices), their prefecture-level divisions and their county-level divisions.
 *
 * Left out, as statistical-only or not county-level:
 * - codes whose last two digits are 70–79 or 90–99 under an ordinary prefecture: development
 *   zones, high-tech and industrial parks (…经济技术开发区, …高新区, …工业园区);
 * - the towns and sub-districts listed under the four prefecture-level cities that have no
 *   county-level divisions (东莞, 中山, 儋州, 嘉峪关), which are then leaves of the tree;
 * - four entries that are functional areas, not districts (江北新区, 镇江新区, 洋浦经济开发区,
 *   火炬开发区街道办事处).
 * Kept: the county-level divisions placed directly under a province (the districts of the four
 * municipalities, 省直辖县级行政区划 such as 仙桃市), whose parent node is then the province.
 * A node's tier is its depth (protocol.md §1: a parent is of the tier directly above), so
 * these sit at the municipal tier, as leaves.
 */
const MUNICIPALITY_PLACEHOLDERS = new Set(['110100', '120100', '310100', '500100', '500200']);
const NO_COUNTIES = new Set(['441900', '442000', '460400', '620200']);
const FUNCTIONAL_AREAS = new Set(['320112', '321150', '460417', '442019']);

const mainland = (code: string): boolean => code < '710000';
/** A prefecture-level entry that only groups county-level divisions under the province. */
const placeholder = (code: string): boolean =>
  MUNICIPALITY_PLACEHOLDERS.has(code) || /^\d{2}9000$/.test(code);

function countyLevel(code: string): boolean {
  const prefecture = `${code.slice(0, 4)}00`;
  if (NO_COUNTIES.has(prefecture) || FUNCTIONAL_AREAS.has(code)) return false;
  if (placeholder(prefecture)) return true;
  return code[4] !== '7' && code[4] !== '9';
}

export function nationalTree(): NodeSpec[] {
  const tree: NodeSpec[] = [
    { nodeId: CENTRAL_NODE_ID, name: '中央', tier: 'central', parentId: null },
  ];
  for (const [code, name] of Object.entries(areaList.province_list))
    if (mainland(code))
      tree.push({ nodeId: code, name, tier: 'provincial', parentId: CENTRAL_NODE_ID });
  const prefectures = new Set<string>();
  for (const [code, name] of Object.entries(areaList.city_list)) {
    if (!mainland(code) || placeholder(code)) continue;
    prefectures.add(code);
    tree.push({ nodeId: code, name, tier: 'municipal', parentId: `${code.slice(0, 2)}0000` });
  }
  for (const [code, name] of Object.entries(areaList.county_list)) {
    if (!mainland(code) || !countyLevel(code)) continue;
    const prefecture = `${code.slice(0, 4)}00`;
    if (prefectures.has(prefecture))
      tree.push({ nodeId: code, name, tier: 'county', parentId: prefecture });
    else tree.push({ nodeId: code, name, tier: 'municipal', parentId: `${code.slice(0, 2)}0000` });
  }
  return tree;
}

/**
 * The offices that hold a registry of their own in the simulation: the leaves of the tree —
 * every county-level division, and the prefecture-level cities that have none below them.
 */
export function registryHolders(tree: NodeSpec[]): string[] {
  const parents = new Set(tree.map((n) => n.parentId));
  return tree.filter((n) => n.parentId !== null && !parents.has(n.nodeId)).map((n) => n.nodeId);
}
