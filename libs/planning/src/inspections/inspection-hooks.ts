import { Injectable } from '@nestjs/common';
import type {
  FeedbackProblemV1,
  OversightAreaTableV1,
  OversightArea,
  OversightFiguresV1,
} from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import type { Inspection } from '../entities';

/** What feedback means to the libraries built on planning (findings, rectification). */
export interface FeedbackHook {
  /** Before feedback is recorded on the conducting node; throw a DomainError to refuse it. */
  check?(manager: EntityManager, inspection: Inspection): Promise<void>;
  /** The problems the feedback hands to the organization (from the final report). */
  problems?(manager: EntityManager, inspection: Inspection): Promise<FeedbackProblemV1[]>;
  /**
   * Feedback was given to one of this node's organizations — by this node, or by the node
   * that conducted an escalated or cross inspection of it (on receipt). Planning reports
   * coverage (with the oversight figures) after every hook ran; a hook need not.
   */
  given?(
    manager: EntityManager,
    inspection: Inspection,
    problems: FeedbackProblemV1[],
  ): Promise<void>;
}

/** Figures another library adds to the coverage report (rectification, referrals). */
export type OversightSource = (manager: EntityManager) => Promise<Partial<OversightFiguresV1>>;

/**
 * Tables another library adds to what an overseeing ancestor reads in a granted area
 * (指导督导): how this node ran that part of its inspections, in Chinese, never the
 * confidential content itself (no finding text, no sealed clue).
 */
export type AreaSource = (manager: EntityManager) => Promise<OversightAreaTableV1[]>;

/** A calendar year in China Standard Time: `from` (inclusive) to `to` (exclusive). */
export interface StatisticsYear {
  year: number;
  from: Date;
  to: Date;
}

/**
 * Figures another library adds to this node's annual statistics (年度统计), by the key of
 * central's statistics form (libs/statistics, e.g. `findings.signed`), for one year.
 */
export type StatisticsSource = (
  manager: EntityManager,
  year: StatisticsYear,
) => Promise<Record<string, number>>;

/** Where libraries built on planning plug in; planning itself depends on none of them. */
@Injectable()
export class InspectionHooks {
  readonly feedback: FeedbackHook[] = [];
  readonly oversight: OversightSource[] = [];
  readonly statistics: StatisticsSource[] = [];
  private readonly areas = new Map<OversightArea, AreaSource[]>();

  addAreaSource(area: OversightArea, source: AreaSource): void {
    this.areas.set(area, [...(this.areas.get(area) ?? []), source]);
  }

  /** Every table the libraries give for `area`, in the order they registered. */
  async areaTables(area: OversightArea, manager: EntityManager): Promise<OversightAreaTableV1[]> {
    const tables: OversightAreaTableV1[] = [];
    for (const source of this.areas.get(area) ?? []) tables.push(...(await source(manager)));
    return tables;
  }

  onFeedback(hook: FeedbackHook): void {
    this.feedback.push(hook);
  }

  addOversight(source: OversightSource): void {
    this.oversight.push(source);
  }

  addStatisticsSource(source: StatisticsSource): void {
    this.statistics.push(source);
  }
}
