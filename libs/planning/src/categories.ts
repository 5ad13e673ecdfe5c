import { Tier, TIER_LABELS, TIERS } from '@liandong/protocol';

/** Kinds of party organization in a registry (对象库), with their zh-CN labels. */
export const CATEGORIES = {
  local_committee: '地方党委',
  /** A central unit's own bureaux and offices (中央单位内部巡视的对象：机关司局). */
  internal_unit: '机关内设机构',
  affiliated_unit: '直属单位',
  department: '党政机关部门',
  state_owned_enterprise: '国有企业',
  financial_institution: '金融企业',
  public_institution: '事业单位',
  university: '高校',
  township: '乡镇（街道）',
  village: '村',
  community: '社区',
  other: '其他',
} as const;
export type Category = keyof typeof CATEGORIES;
export const CATEGORY_CODES = Object.keys(CATEGORIES) as Category[];

/** A category given by its code or its Chinese label. */
export function parseCategory(value: string): Category | undefined {
  const text = value.trim();
  if ((CATEGORY_CODES as string[]).includes(text)) return text as Category;
  return CATEGORY_CODES.find((code) => CATEGORIES[code] === text);
}

/** Cadre jurisdiction: the tier whose organization department manages the leading cadres. */
export function parseTier(value: string): Tier | undefined {
  const text = value.trim();
  if ((TIERS as readonly string[]).includes(text)) return text as Tier;
  return TIERS.find(
    (tier) => TIER_LABELS[tier] === text || TIER_LABELS[tier].replace('级', '') === text,
  );
}
