import type { NodeSpec } from '@liandong/protocol';

/** The local federation of the README: central, 河北省, 石家庄市 and three of its counties. */
export const HEBEI_SAMPLE_TREE: NodeSpec[] = [
  { nodeId: '000000', name: '中央', tier: 'central', parentId: null },
  { nodeId: '130000', name: '河北省', tier: 'provincial', parentId: '000000' },
  { nodeId: '130100', name: '石家庄市', tier: 'municipal', parentId: '130000' },
  { nodeId: '130121', name: '井陉县', tier: 'county', parentId: '130100' },
  { nodeId: '130123', name: '正定县', tier: 'county', parentId: '130100' },
  { nodeId: '130125', name: '行唐县', tier: 'county', parentId: '130100' },
];

export const HEBEI_COUNTIES = HEBEI_SAMPLE_TREE.filter((n) => n.tier === 'county').map(
  (n) => n.nodeId,
);

/**
 * What `npm start` runs: the sample tree and one central unit (中央单位) of its own branch, a
 * centrally managed enterprise (93xxxx) running its internal inspection under central.
 */
export const LOCAL_FEDERATION_TREE: NodeSpec[] = [
  ...HEBEI_SAMPLE_TREE,
  {
    nodeId: '930001',
    name: '中国石油天然气集团有限公司',
    tier: 'central_unit',
    parentId: '000000',
  },
];
