/** The four territorial tiers, central first: the chain of 巡视巡察 offices. */
export const TIERS = ['central', 'provincial', 'municipal', 'county'] as const;
export type Tier = (typeof TIERS)[number];

/**
 * A central unit (中央单位) — a central ministry or commission, a central state organ or a
 * centrally managed enterprise — runs its own internal inspection (内部巡视) under central's
 * guidance: a branch of the tree that is not a territory (一体两翼、条块结合). Its node is a
 * child of central, has no child nodes, and its figures are kept apart from the territorial
 * totals.
 */
export const CENTRAL_UNIT = 'central_unit';
/** What a node certificate may name as a node's place: a territorial tier or a central unit. */
export const NODE_TIERS = [...TIERS, CENTRAL_UNIT] as const;
export type NodeTier = (typeof NODE_TIERS)[number];

/** zh-CN labels for the console and the printed tables. */
export const TIER_LABELS: Record<NodeTier, string> = {
  central: '中央',
  provincial: '省级',
  municipal: '市级',
  county: '县级',
  central_unit: '中央单位',
};

/** How deep a tier sits below central; a central unit sits one below it, as a province does. */
export function tierDepth(tier: NodeTier): number {
  return tier === CENTRAL_UNIT ? 1 : TIERS.indexOf(tier);
}

/** The tier of a territorial node's children; a central unit has none. */
export function childTierOf(tier: NodeTier): Tier | undefined {
  return tier === CENTRAL_UNIT ? undefined : TIERS[tierDepth(tier) + 1];
}

/** Whether `tier` may certify `child`: the next territorial tier, or central for a central unit. */
export function mayCertify(tier: NodeTier, child: NodeTier): boolean {
  if (child === CENTRAL_UNIT) return tier === 'central';
  return childTierOf(tier) === child;
}

/**
 * A node id is six digits: a territory's GB/T 2260 division code (central uses 000000), or a
 * central unit's code, which central assigns in the range 9xxxxx that no division code uses
 * (provinces are 11–82): 91xxxx central ministries and commissions (中央部委), 92xxxx central
 * state organs (中央国家机关部门), 93xxxx centrally managed enterprises (中管企业).
 */
export const NODE_ID_PATTERN = /^\d{6}$/;
export const CENTRAL_NODE_ID = '000000';
export const CENTRAL_UNIT_ID_PATTERN = /^9[1-3]\d{4}$/;

export const CENTRAL_UNIT_KINDS = {
  ministry: '中央部委',
  state_organ: '中央国家机关部门',
  enterprise: '中管企业',
} as const;
export type CentralUnitKind = keyof typeof CENTRAL_UNIT_KINDS;

export function isCentralUnitId(nodeId: string): boolean {
  return CENTRAL_UNIT_ID_PATTERN.test(nodeId);
}

/** The kind of a central unit by its id's second digit, or undefined for any other id. */
export function centralUnitKind(nodeId: string): CentralUnitKind | undefined {
  if (!isCentralUnitId(nodeId)) return undefined;
  return (['ministry', 'state_organ', 'enterprise'] as const)[Number(nodeId[1]) - 1];
}
