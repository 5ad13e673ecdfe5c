import { EntityManager, In } from 'typeorm';
import { Organization } from '../entities';
import type { RegistryRow } from './registry-file';

/** What a registry search may narrow by; `q` is part of the name or of the code. */
export interface RegistrySearch {
  q?: string;
  /** Exactly this code. */
  code?: string;
  category?: string;
  limit: number;
  offset?: number;
}

export function findOrganization(
  manager: EntityManager,
  code: string,
): Promise<Organization | null> {
  return manager.findOne(Organization, { where: { code } });
}

export function organizationsIn(manager: EntityManager, codes: string[]): Promise<Organization[]> {
  return manager.find(Organization, { where: { code: In(codes) }, order: { code: 'ASC' } });
}

export function allOrganizations(manager: EntityManager): Promise<Organization[]> {
  return manager.find(Organization, { order: { code: 'ASC' } });
}

export function searchOrganizations(
  manager: EntityManager,
  search: RegistrySearch,
): Promise<[Organization[], number]> {
  const builder = manager
    .getRepository(Organization)
    .createQueryBuilder('o')
    .orderBy('o.code')
    .take(search.limit)
    .skip(search.offset ?? 0);
  if (search.code) builder.andWhere('o.code = :code', { code: search.code });
  if (search.category) builder.andWhere('o.category = :category', { category: search.category });
  if (search.q)
    builder.andWhere(`(strpos(o.name, :q) > 0 OR strpos(o.code, :q) > 0)`, { q: search.q });
  return builder.getManyAndCount();
}

/** How many organizations of each category the registry holds (categories with none left out). */
export async function countByCategory(
  manager: EntityManager,
): Promise<Array<{ category: string; count: number }>> {
  const rows: Array<{ category: string; count: string }> = await manager
    .getRepository(Organization)
    .createQueryBuilder('o')
    .select('o.category', 'category')
    .addSelect('count(*)', 'count')
    .groupBy('o.category')
    .getRawMany();
  return rows.map((r) => ({ category: r.category, count: Number(r.count) }));
}

/** Every registered code with its parent's, read raw: an import checks a file against it. */
export async function parentsByCode(manager: EntityManager): Promise<Map<string, string | null>> {
  const rows: Array<{ code: string; parent_code: string | null }> = await manager
    .getRepository(Organization)
    .createQueryBuilder('o')
    .select('o.code', 'code')
    .addSelect('o.parent_code', 'parent_code')
    .getRawMany();
  return new Map(rows.map((r) => [r.code, r.parent_code]));
}

/** Inserts the rows, or updates the organizations already registered under their codes. */
export async function upsertOrganizations(
  manager: EntityManager,
  rows: RegistryRow[],
  now: Date,
): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(Organization)
    .values(
      rows.map(({ code, name, category, parentCode, cadreTier }) => ({
        code,
        name,
        category,
        parentCode,
        cadreTier,
        updatedAt: now,
      })),
    )
    .orUpdate(['name', 'category', 'parent_code', 'cadre_tier', 'updated_at'], ['code'])
    .execute();
}
