import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { InspectionDirectory } from '@liandong/planning';
import { AuditService, Clock } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { FindingReasonDto } from '../../dto/finding.dto';
import { FindingView } from '../../dto/finding.views';
import { TeamAccess } from '../../team-access';
import { ProblemsReporter } from '../../problems/problems-reporter';
import { titleOf } from '../dossier';
import { mapFinding } from '../finding.mapper';
import { findingWithdrawn, lockFindingWithInspection, updateFinding } from '../finding.repository';
import { rectificationRefusal } from '../../rectification.errors';
import { versionsHolding } from '../../reports/report.repository';

/**
 * 退回修改: the leader sends a checked or signed finding back to draft, with a reason, so the
 * team can revise it and take it through the chain again — not once a finalized report holds it.
 */
@Injectable()
export class ReturnFinding {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inspections: InspectionDirectory,
    private readonly team: TeamAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly problems: ProblemsReporter,
  ) {}

  async execute(id: string, dto: FindingReasonDto, user: Principal): Promise<FindingView> {
    const { reason } = dto;
    const returned = await this.dataSource.transaction(async (manager) => {
      const { finding } = await lockFindingWithInspection(manager, this.inspections, id);
      await this.team.require(manager, finding.inspectionId, user, ['leader']);
      if (finding.status === 'withdrawn')
        throw findingWithdrawn(finding, { zh: '退回修改', en: 'returned to draft' });
      if (finding.status === 'drafted')
        throw rectificationRefusal('ALREADY_A_DRAFT', {
          zh: `问题${titleOf(finding)}尚未审核，仍是草稿，无需退回，组员可直接修改`,
          en: `finding ${id} is still a draft; there is nothing to return`,
        });
      const holding = await versionsHolding(manager, finding.inspectionId, id);
      if (holding.length > 0)
        throw rectificationRefusal('FINDING_IN_REPORT', {
          zh: `问题${titleOf(finding)}已写入已定稿的巡察报告（第${holding.join('、')}版），不能退回修改。如需更正，请由巡视巡察办将其从报告中撤回，另行起草后出具新版报告`,
          en: `finding ${id} is in finalized report version ${holding.join(', ')}; a finalized report never changes: withdraw it (POST /findings/${id}/withdraw) and draft it anew`,
        });
      const change = {
        status: 'drafted' as const,
        checkedBy: null,
        signedBy: null,
        returnedReason: reason,
        returnedBy: user.username,
        returnedAt: this.clock.now(),
      };
      await updateFinding(manager, id, change);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'finding.returned',
        subjectType: 'finding',
        subjectId: id,
        detail: { inspectionId: finding.inspectionId, from: finding.status, reason },
      });
      // It no longer counts as signed (举一反三): the counts go up.
      if (finding.status === 'signed') await this.problems.report(manager);
      return { ...finding, ...change };
    });
    return mapFinding(returned);
  }
}
