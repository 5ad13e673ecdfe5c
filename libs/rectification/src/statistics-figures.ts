import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InspectionHooks, StatisticsYear } from '@liandong/planning';
import { MESSAGING_OPTIONS, MessagingOptions } from '@liandong/messaging';
import { EntityManager } from 'typeorm';

/**
 * What this library adds to the node's annual statistics (年度统计), by the statistics form's
 * keys, for one year in China time: signed findings of the inspections this node conducted
 * and gave feedback on in the year; clues this node referred in the year and clues it
 * referred that were disposed in the year; rectification items closed in the year; work
 * recommendations (referrals of kind `recommendation`) sent in the year; special reports
 * (专题报告) this node wrote in the year, to its party committee or an ancestor.
 */
@Injectable()
export class StatisticsFigures implements OnModuleInit {
  constructor(
    private readonly hooks: InspectionHooks,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  onModuleInit(): void {
    this.hooks.addStatisticsSource((manager, year) => this.figures(manager, year));
  }

  async figures(
    manager: EntityManager,
    { from, to }: StatisticsYear,
  ): Promise<Record<string, number>> {
    const [row]: Array<Record<string, number>> = await manager.query(
      `SELECT
         (SELECT count(*) FROM finding f JOIN inspection i ON i.id = f.inspection_id
           WHERE f.status = 'signed' AND i.role = 'conducting'
             AND i.feedback_at >= $1 AND i.feedback_at < $2)::int AS "findings.signed",
         (SELECT count(*) FROM referral WHERE from_node = $3 AND kind = 'clue'
             AND sent_at >= $1 AND sent_at < $2)::int AS "clues.referred",
         (SELECT count(*) FROM referral WHERE from_node = $3 AND kind = 'clue'
             AND disposed_at >= $1 AND disposed_at < $2)::int AS "clues.disposed",
         (SELECT count(*) FROM rectification_item WHERE status = 'closed'
             AND closed_at >= $1 AND closed_at < $2)::int AS "rectification.items_closed",
         (SELECT count(*) FROM referral WHERE from_node = $3 AND kind = 'recommendation'
             AND sent_at >= $1 AND sent_at < $2)::int AS "recommendations",
         (SELECT count(*) FROM special_report WHERE role = 'written'
             AND submitted_at >= $1 AND submitted_at < $2)::int AS "special_reports"`,
      [from, to, this.options.identity.nodeId],
    );
    return { ...row };
  }
}
