import { TIER_LABELS } from '@liandong/protocol';
import { CATEGORIES, CATEGORY_CODES, Category } from '../categories';
import { Organization, RegistryImport } from '../entities';
import { ImportView, OrganizationView, RegistrySummaryView } from './registry.dto';

export const mapOrganization = (org: Organization): OrganizationView => ({
  code: org.code,
  name: org.name,
  category: org.category,
  categoryLabel: CATEGORIES[org.category],
  parentCode: org.parentCode,
  cadreTier: org.cadreTier,
  cadreTierLabel: TIER_LABELS[org.cadreTier],
});

export function mapImport(job: RegistryImport): ImportView {
  return {
    id: job.id,
    status: job.status,
    total: job.total,
    processed: job.processed,
    problems: job.problems,
    problemCount: job.problemCount,
    encoding: job.encoding,
    startedAt: job.startedAt.toISOString(),
    finishedAt: job.finishedAt ? job.finishedAt.toISOString() : null,
  };
}

/** Every category, with 0 where the registry holds none. */
export function mapSummary(
  counts: Array<{ category: string; count: number }>,
): RegistrySummaryView {
  const byCode = new Map(counts.map((r) => [r.category as Category, r.count]));
  return {
    total: counts.reduce((sum, r) => sum + r.count, 0),
    byCategory: CATEGORY_CODES.map((category) => ({
      category,
      label: CATEGORIES[category],
      count: byCode.get(category) ?? 0,
    })),
  };
}
