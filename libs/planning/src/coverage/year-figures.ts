import { Injectable } from '@nestjs/common';
import { INSPECTION_MODES, ROUND_TYPES } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { CATEGORY_CODES } from '../categories';
import { InspectionHooks, StatisticsYear } from '../inspections/inspection-hooks';

/** The year `year` in China Standard Time (UTC+8, no daylight saving): [from, to). */
export function statisticsYear(year: number): StatisticsYear {
  const eight = 8 * 3600 * 1000;
  return {
    year,
    from: new Date(Date.UTC(year, 0, 1) - eight),
    to: new Date(Date.UTC(year + 1, 0, 1) - eight),
  };
}

/**
 * A node's own figures for one year, computed from its records, keyed by the statistics
 * form's keys: organizations inspected (feedback given in the year, from coverage credits:
 * each organization once, its mode that of its first credit in the year) by category and
 * mode; rounds by type (by the China date of their first day); then what the libraries
 * built on planning add (`InspectionHooks.addStatisticsSource`). Keys no source gives are 0.
 */
@Injectable()
export class YearFigures {
  constructor(private readonly hooks: InspectionHooks) {}

  async of(manager: EntityManager, year: number): Promise<Record<string, number>> {
    const range = statisticsYear(year);
    const figures: Record<string, number> = { 'inspected.total': 0, 'rounds.total': 0 };
    for (const category of CATEGORY_CODES) figures[`inspected.category.${category}`] = 0;
    for (const mode of INSPECTION_MODES) figures[`inspected.mode.${mode}`] = 0;
    for (const type of ROUND_TYPES) figures[`rounds.type.${type}`] = 0;

    const inspected: Array<{ category: string; mode: string; n: number }> = await manager.query(
      `SELECT category, mode, count(*)::int AS n FROM (
         SELECT DISTINCT ON (c.organization_code) c.organization_code,
                coalesce(o.category, i.organization_category, 'other') AS category, c.mode
           FROM coverage_credit c
           LEFT JOIN organization o ON o.code = c.organization_code
           LEFT JOIN inspection i ON i.id = c.inspection_id
          WHERE c.feedback_at >= $1 AND c.feedback_at < $2
          ORDER BY c.organization_code, c.feedback_at, c.inspection_id) first
        GROUP BY category, mode`,
      [range.from, range.to],
    );
    for (const row of inspected) {
      figures['inspected.total'] += row.n;
      const category = (CATEGORY_CODES as string[]).includes(row.category) ? row.category : 'other';
      figures[`inspected.category.${category}`] += row.n;
      figures[`inspected.mode.${row.mode}`] = (figures[`inspected.mode.${row.mode}`] ?? 0) + row.n;
    }

    const rounds: Array<{ type: string; n: number }> = await manager.query(
      `SELECT type, count(*)::int AS n FROM round
        WHERE window_start >= make_date($1, 1, 1) AND window_start < make_date($1 + 1, 1, 1)
        GROUP BY type`,
      [year],
    );
    for (const row of rounds) {
      figures['rounds.total'] += row.n;
      figures[`rounds.type.${row.type}`] = (figures[`rounds.type.${row.type}`] ?? 0) + row.n;
    }

    for (const source of this.hooks.statistics)
      for (const [key, value] of Object.entries(await source(manager, range)))
        figures[key] = (figures[key] ?? 0) + value;
    return figures;
  }
}
