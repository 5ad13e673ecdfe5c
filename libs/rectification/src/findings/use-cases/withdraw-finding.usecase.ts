import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { InspectionDirectory } from '@liandong/planning';
import { AuditService, Clock } from '@liandong/messaging';
import type { Inspection } from '@liandong/planning';
import { DataSource } from 'typeorm';
import { FindingReasonDto } from '../../dto/finding.dto';
import { FindingView } from '../../dto/finding.views';
import { ProblemsReporter } from '../../problems/problems-reporter';
import { titleOf } from '../dossier';
import { mapFinding } from '../finding.mapper';
import { lockFindingWithInspection, updateFinding } from '../finding.repository';
import { rectificationRefusal } from '../../rectification.errors';

/** The inspection has given its feedback: its findings have gone on to rectification. */
const CONCLUDED: ReadonlyArray<Inspection['status']> = ['feedback_given', 'handed_back'];

/**
 * 撤回: the inspection office takes a finding out of the report, with a reason; the next
 * report version leaves it out and it stays listed as withdrawn. Not after feedback.
 */
@Injectable()
export class WithdrawFinding {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inspections: InspectionDirectory,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly problems: ProblemsReporter,
  ) {}

  async execute(id: string, dto: FindingReasonDto, user: Principal): Promise<FindingView> {
    const { reason } = dto;
    const withdrawn = await this.dataSource.transaction(async (manager) => {
      const { finding, inspection } = await lockFindingWithInspection(
        manager,
        this.inspections,
        id,
      );
      if (finding.status === 'withdrawn')
        throw rectificationRefusal('ALREADY_WITHDRAWN', {
          zh: `问题${titleOf(finding)}已经撤回，无需重复撤回`,
          en: `finding ${id} is already withdrawn`,
        });
      if (inspection && CONCLUDED.includes(inspection.status))
        throw rectificationRefusal('FEEDBACK_GIVEN', {
          zh: `这项巡察已经反馈，问题${titleOf(finding)}已转入整改，不能再从报告中撤回`,
          en: `inspection ${finding.inspectionId} has given its feedback; its findings are in rectification`,
        });
      const change = {
        status: 'withdrawn' as const,
        withdrawnReason: reason,
        withdrawnBy: user.username,
        withdrawnAt: this.clock.now(),
      };
      await updateFinding(manager, id, change);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'finding.withdrawn',
        subjectType: 'finding',
        subjectId: id,
        detail: { inspectionId: finding.inspectionId, from: finding.status, reason },
      });
      // It no longer counts as signed (举一反三): the counts go up.
      if (finding.status === 'signed') await this.problems.report(manager);
      return { ...finding, ...change };
    });
    return mapFinding(withdrawn);
  }
}
