import { Inject, Injectable } from '@nestjs/common';
import {
  chinaDate,
  CoverageFiguresV1,
  CoverageReportedV1,
  nodeAudience,
  NodeCoverageV1,
} from '@liandong/protocol';
import {
  Clock,
  FederationNode,
  MESSAGING_OPTIONS,
  MessagingOptions,
  OutboxService,
} from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { ChildCoverage, Term } from '../entities';
import { InspectionHooks } from '../inspections/inspection-hooks';
import { emptyFigures, sumFigures, sumOversight } from './figures';

/** Each organization's first credit within the term ($1, $2: its first and last day; null: all). */
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

interface CategoryRow {
  category: string;
  organizations: string;
  covered: string;
  own: string;
  escalated: string;
  cross: string;
}

/**
 * Coverage (全覆盖) of this node's registry in its current term, and the reports that carry
 * it — with the subtree's — to the parent. An organization counts once, when the first
 * inspection of it in the term gave feedback, whichever mode it was.
 */
@Injectable()
export class CoverageService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly hooks: InspectionHooks,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /** The term in force today, else the latest that has begun, else none. */
  async currentTerm(manager: EntityManager): Promise<Term | null> {
    const today = chinaDate(this.clock.now());
    return manager
      .getRepository(Term)
      .createQueryBuilder('t')
      .where('t.starts_on <= :today', { today })
      .orderBy('(t.ends_on >= :today)', 'DESC')
      .addOrderBy('t.starts_on', 'DESC')
      .setParameter('today', today)
      .getOne();
  }

  async ownFigures(manager: EntityManager, term: Term | null): Promise<CoverageFiguresV1> {
    const rows: CategoryRow[] = await manager.query(
      `WITH credited AS (${CREDITED_IN_TERM})
       SELECT o.category,
              count(*) AS organizations,
              count(cr.organization_code) AS covered,
              count(*) FILTER (WHERE cr.mode = 'own') AS own,
              count(*) FILTER (WHERE cr.mode = 'escalated') AS escalated,
              count(*) FILTER (WHERE cr.mode = 'cross') AS cross
       FROM organization o LEFT JOIN credited cr ON cr.organization_code = o.code
       GROUP BY o.category ORDER BY o.category`,
      [term?.startsOn ?? null, term?.endsOn ?? null],
    );
    const figures = emptyFigures();
    for (const row of rows) {
      figures.organizations += Number(row.organizations);
      figures.covered += Number(row.covered);
      figures.coveredOwn += Number(row.own);
      figures.coveredEscalated += Number(row.escalated);
      figures.coveredCross += Number(row.cross);
      figures.byCategory.push({
        category: row.category,
        organizations: Number(row.organizations),
        covered: Number(row.covered),
      });
    }
    return figures;
  }

  /** Organizations with whether, how and when they were covered this term; filtered and paged. */
  async organizations(
    manager: EntityManager,
    filter: {
      category?: string;
      status?: 'covered' | 'remaining';
      limit?: number;
      offset?: number;
    },
  ): Promise<OrganizationCoverageRow[]> {
    const term = await this.currentTerm(manager);
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
        term?.startsOn ?? null,
        term?.endsOn ?? null,
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

  /** How many organizations match the filter of `organizations` (for paging). */
  async organizationCount(
    manager: EntityManager,
    filter: { category?: string; status?: 'covered' | 'remaining' },
  ): Promise<number> {
    const term = await this.currentTerm(manager);
    const [row]: Array<{ total: string }> = await manager.query(
      `WITH credited AS (${CREDITED_IN_TERM})
       SELECT count(*) AS total
       FROM organization o LEFT JOIN credited c ON c.organization_code = o.code
       WHERE ($3::text IS NULL OR o.category = $3)
         AND ($4::text IS NULL OR ($4 = 'covered') = (c.organization_code IS NOT NULL))`,
      [
        term?.startsOn ?? null,
        term?.endsOn ?? null,
        filter.category ?? null,
        filter.status ?? null,
      ],
    );
    return Number(row.total);
  }

  async children(manager: EntityManager): Promise<ChildCoverage[]> {
    return manager.find(ChildCoverage, { order: { nodeId: 'ASC' } });
  }

  /** What this node would report now (from the children's reports given, or read here). */
  async snapshot(manager: EntityManager, children?: ChildCoverage[]): Promise<CoverageReportedV1> {
    const term = await this.currentTerm(manager);
    const own = await this.ownFigures(manager, term);
    children ??= await this.children(manager);
    const ownOversight = sumOversight(
      await Promise.all(this.hooks.oversight.map((source) => source(manager))),
    );
    return {
      asOf: this.clock.now().toISOString(),
      termStartsOn: term?.startsOn ?? null,
      termEndsOn: term?.endsOn ?? null,
      own,
      subtree: sumFigures([own, ...children.map((child) => child.subtree)]),
      ownOversight,
      subtreeOversight: sumOversight([ownOversight, ...children.map((c) => c.subtreeOversight)]),
      children: children.map((child): NodeCoverageV1 => ({
        nodeId: child.nodeId,
        name: child.name,
        figures: child.subtree,
      })),
    };
  }

  /**
   * Reports this node's coverage to its parent, in the caller's transaction: call it in every
   * transaction that changes the registry, a term, a credit or a child's report.
   */
  async report(manager: EntityManager): Promise<void> {
    const parent = this.options.identity.parentId;
    if (!parent) return;
    await this.outbox.emitComputed(
      manager,
      { type: CoverageReportedV1.type, audience: nodeAudience(parent) },
      () => this.snapshot(manager),
    );
  }

  /** A child's report replaces its previous one; this node then reports upward in turn. */
  async childReported(
    manager: EntityManager,
    childId: string,
    eventId: string,
    report: CoverageReportedV1,
  ): Promise<void> {
    const node = await manager.findOne(FederationNode, { where: { nodeId: childId } });
    await manager.upsert(
      ChildCoverage,
      {
        nodeId: childId,
        name: node?.name ?? childId,
        termStartsOn: report.termStartsOn ?? null,
        termEndsOn: report.termEndsOn ?? null,
        own: report.own,
        subtree: report.subtree,
        children: report.children,
        ownOversight: report.ownOversight ?? null,
        subtreeOversight: report.subtreeOversight ?? null,
        asOf: new Date(report.asOf),
        eventId,
      },
      ['nodeId'],
    );
    await this.report(manager);
  }
}
