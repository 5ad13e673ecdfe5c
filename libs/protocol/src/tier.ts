export const TIERS = ['central', 'provincial', 'municipal', 'county'] as const;
export type Tier = (typeof TIERS)[number];

/** zh-CN labels for the console and the printed tables. */
export const TIER_LABELS: Record<Tier, string> = {
  central: '中央',
  provincial: '省级',
  municipal: '市级',
  county: '县级',
};

export function tierDepth(tier: Tier): number {
  return TIERS.indexOf(tier);
}

export function childTierOf(tier: Tier): Tier | undefined {
  return TIERS[tierDepth(tier) + 1];
}

/** A node id is a GB/T 2260 six-digit division code; central uses 000000. */
export const NODE_ID_PATTERN = /^\d{6}$/;
export const CENTRAL_NODE_ID = '000000';
