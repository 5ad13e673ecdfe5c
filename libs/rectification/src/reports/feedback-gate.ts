import { Injectable, OnModuleInit } from '@nestjs/common';
import { InspectionHooks } from '@liandong/planning';
import type { Inspection } from '@liandong/planning';
import { FeedbackProblemV1 } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { titleOf } from '../findings/dossier';
import { isDecided, latestReport } from './report.repository';
import { rectificationRefusal } from '../rectification.errors';
import { withdrawnAmong } from '../findings/finding.repository';

/**
 * What feedback needs from the report: the latest version decided by the leading group and
 * free of withdrawn findings; the problems it hands on are that version's findings.
 */
@Injectable()
export class FeedbackGate implements OnModuleInit {
  constructor(private readonly hooks: InspectionHooks) {}

  onModuleInit(): void {
    this.hooks.onFeedback({
      check: (manager, inspection) => this.check(manager, inspection),
      problems: (manager, inspection) => this.problems(manager, inspection),
    });
  }

  async check(manager: EntityManager, inspection: Inspection): Promise<void> {
    const report = await latestReport(manager, inspection.id);
    if (!report)
      throw rectificationRefusal('REPORT_NOT_DECIDED', {
        zh: '这项巡察还没有定稿的巡察报告，不能反馈。请组长定稿巡察报告，经领导小组作出决定后再反馈',
        en: `finalize the inspection report (POST /inspections/${inspection.id}/reports) and record the leading group's decision before feedback`,
      });
    const ids = report.findings.map((f) => f.findingId);
    const withdrawn = await withdrawnAmong(manager, ids);
    if (withdrawn.length > 0)
      throw rectificationRefusal('REPORT_HAS_WITHDRAWN', {
        zh: `第${report.version}版巡察报告含有已撤回的问题${withdrawn.map(titleOf).join('、')}，不能据此反馈。请组长出具不含这些问题的新版报告，经领导小组作出决定后再反馈`,
        en: `report version ${report.version} holds withdrawn findings (${withdrawn.map((f) => f.id).join(', ')}); finalize a new version without them and have it decided before feedback`,
      });
    if (!(await isDecided(manager, report.id)))
      throw rectificationRefusal('REPORT_NOT_DECIDED', {
        zh: `第${report.version}版巡察报告尚待领导小组作出决定，决定后才能反馈`,
        en: `report version ${report.version} awaits the leading group's decision (POST /reports/${report.id}/decision) before feedback`,
      });
  }

  async problems(manager: EntityManager, inspection: Inspection): Promise<FeedbackProblemV1[]> {
    const report = await latestReport(manager, inspection.id);
    return (report?.findings ?? []).map((f) => ({
      findingId: f.findingId,
      title: f.title,
      facts: f.facts,
      basis: f.basis,
    }));
  }
}
