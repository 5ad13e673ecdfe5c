import { EntityManager } from 'typeorm';
import { ChildCoverage, CoverageCredit, Inspection, Term } from '../entities';

/**
 * Each organization's first credit within the term ($1, $2: its first and last day; null: all).
 * Raw SQL: DISTINCT ON and the Beijing-time day of an instant are beyond TypeORM's builder.
 */
const CREDITED_IN_TERM = `
  SELECT DISTINCT ON (c.organization_code) c.organization_code, c.mode, c.feedback_at, c.conducted_by
  FROM coverage_credit c
  WHERE $1::date IS NULL
     OR (c.feedback_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $1::date AND $2::date
  ORDER BY c.organization_code, c.feedback_at, c.inspection_id`;

export interface OrganizationCoverageRow {
  code: string;
  name: string;
  category: string;
  mode: string | null;
  feedbackAt: Date | null;
  conductedBy: string | null;
}

/** One category of the registry: how many organizations, and how many covered in each mode. */
export interface CategoryCoverageRow {
  category: string;
  organizations: number;
  covered: number;
  own: number;
  escalated: number;
  cross: number;
}

export interface CoverageFilter {
  category?: string;
  status?: 'covered' | 'remaining';
}

const span = (term: Term | null) => [term?.startsOn ?? null, term?.endsOn ?? null];

/** The term in force on `today`, else the latest that has begun, else none. */
export function currentTerm(manager: EntityManager, today: string): Promise<Term | null> {
  return manager
    .getRepository(Term)
    .createQueryBuilder('t')
    .where('t.starts_on <= :today', { today })
    .orderBy('(t.ends_on >= :today)', 'DESC')
    .addOrderBy('t.starts_on', 'DESC')
    .setParameter('today', today)
    .getOne();
}

export async function coverageByCategory(
  manager: EntityManager,
  term: Term | null,
): Promise<CategoryCoverageRow[]> {
  const rows: Array<Record<keyof CategoryCoverageRow, string>> = await manager.query(
    `WITH credited AS (${CREDITED_IN_TERM})
     SELECT o.category,
            count(*) AS organizations,
            count(cr.organization_code) AS covered,
            count(*) FILTER (WHERE cr.mode = 'own') AS own,
            count(*) FILTER (WHERE cr.mode = 'escalated') AS escalated,
            count(*) FILTER (WHERE cr.mode = 'cross') AS cross
     FROM organization o LEFT JOIN credited cr ON cr.organization_code = o.code
     GROUP BY o.category ORDER BY o.category`,
    span(term),
  );
  return rows.map((row) => ({
    category: row.category,
    organizations: Number(row.organizations),
    covered: Number(row.covered),
    own: Number(row.own),
    escalated: Number(row.escalated),
    cross: Number(row.cross),
  }));
}

/** Organizations with whether, how and when they were covered in the term; filtered and paged. */
export async function organizationCoverage(
  manager: EntityManager,
  term: Term | null,
  filter: CoverageFilter & { limit?: number; offset?: number },
): Promise<OrganizationCoverageRow[]> {
  const rows: Array<{
    code: string;
    name: string;
    category: string;
    mode: string | null;
    feedback_at: Date | null;
    conducted_by: string | null;
  }> = await manager.query(
    `WITH credited AS (${CREDITED_IN_TERM})
     SELECT o.code, o.name, o.category, c.mode, c.feedback_at, c.conducted_by
     FROM organization o LEFT JOIN credited c ON c.organization_code = o.code
     WHERE ($3::text IS NULL OR o.category = $3)
       AND ($4::text IS NULL OR ($4 = 'covered') = (c.organization_code IS NOT NULL))
     ORDER BY o.code LIMIT $5 OFFSET $6`,
    [
      ...span(term),
      filter.category ?? null,
      filter.status ?? null,
      filter.limit ?? null,
      filter.offset ?? 0,
    ],
  );
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    category: r.category,
    mode: r.mode,
    feedbackAt: r.feedback_at,
    conductedBy: r.conducted_by,
  }));
}

/** How many organizations match the filter of `organizationCoverage` (for paging). */
export async function organizationCoverageCount(
  manager: EntityManager,
  term: Term | null,
  filter: CoverageFilter,
): Promise<number> {
  const [row]: Array<{ total: string }> = await manager.query(
    `WITH credited AS (${CREDITED_IN_TERM})
     SELECT count(*) AS total
     FROM organization o LEFT JOIN credited c ON c.organization_code = o.code
     WHERE ($3::text IS NULL OR o.category = $3)
       AND ($4::text IS NULL OR ($4 = 'covered') = (c.organization_code IS NOT NULL))`,
    [...span(term), filter.category ?? null, filter.status ?? null],
  );
  return Number(row.total);
}

/** Credits an organization of this registry with an inspection that gave feedback (once). */
export async function creditCoverage(manager: EntityManager, inspection: Inspection): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(CoverageCredit)
    .values({
      inspectionId: inspection.id,
      organizationCode: inspection.organizationCode,
      mode: inspection.mode,
      conductedBy: inspection.conductingNode,
      feedbackAt: inspection.feedbackAt as Date,
    })
    .orIgnore()
    .execute();
}

export function childCoverages(manager: EntityManager): Promise<ChildCoverage[]> {
  return manager.find(ChildCoverage, { order: { nodeId: 'ASC' } });
}

/** A child's report replaces its previous one. */
export async function saveChildCoverage(manager: EntityManager, row: ChildCoverage): Promise<void> {
  await manager.upsert(ChildCoverage, row, ['nodeId']);
}
