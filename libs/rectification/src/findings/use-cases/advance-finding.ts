import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { AuditService } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { FindingView } from '../../dto/finding.views';
import { Finding, FindingStatus } from '../../entities';
import { FINDING_STATUS_LABELS } from '../../labels';
import { ProblemsReporter } from '../../problems/problems-reporter';
import { TeamAccess } from '../../team-access';
import { dossierGaps, titleOf } from '../dossier';
import { mapFinding } from '../finding.mapper';
import { evidenceCount, findingWithdrawn, lockFinding, updateFinding } from '../finding.repository';
import { rectificationRefusal } from '../../rectification.errors';

export interface ReviewStep {
  /** Who on the team takes this step. */
  role: 'leader' | 'deputy_leader';
  to: 'checked' | 'signed';
  /** Who took it, and any refusal of this step's own (the person who drafted cannot check). */
  fields: (finding: Finding) => Partial<Finding>;
}

/**
 * One step up the review chain (drafted → checked → signed), by the team role it belongs to,
 * only from the step before and only with a complete dossier. Shared by 审核 and 签字.
 */
@Injectable()
export class AdvanceFinding {
  constructor(
    private readonly dataSource: DataSource,
    private readonly team: TeamAccess,
    private readonly audit: AuditService,
    private readonly problems: ProblemsReporter,
  ) {}

  async execute(id: string, user: Principal, step: ReviewStep): Promise<FindingView> {
    const { role, to } = step;
    const finding = await this.dataSource.transaction(async (manager) => {
      const finding = await lockFinding(manager, id);
      await this.team.require(manager, finding.inspectionId, user, [role]);
      const doing = to === 'checked' ? { zh: '审核', en: 'checked' } : { zh: '签字', en: 'signed' };
      if (finding.status === 'withdrawn') throw findingWithdrawn(finding, doing);
      requireStatus(finding, to);
      const extra = step.fields(finding);
      const gaps = dossierGaps(finding, await evidenceCount(manager, id));
      if (gaps.length > 0)
        throw rectificationRefusal('FINDING_INCOMPLETE', {
          zh: `问题${titleOf(finding)}的底稿不完整，不能${doing.zh}。缺少：${gaps.map((g) => g.zh).join('、')}。${
            to === 'checked'
              ? '请起草人补齐后再提交审核'
              : '请组长将其退回修改，补齐后重新审核、签字'
          }`,
          en: `finding ${id} cannot be ${doing.en}: it lacks ${gaps.map((g) => g.en).join(', ')}`,
        });
      const change = { ...extra, status: to };
      await updateFinding(manager, id, change);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: `finding.${to}`,
        subjectType: 'finding',
        subjectId: id,
        detail: { inspectionId: finding.inspectionId },
      });
      // A signed finding counts by its category (举一反三): the counts go up.
      if (to === 'signed') await this.problems.report(manager);
      return { ...finding, ...change };
    });
    return mapFinding(finding);
  }
}

/** A check needs a draft; a signature needs a checked finding. */
function requireStatus(finding: Finding, to: 'checked' | 'signed'): void {
  const from: FindingStatus = to === 'checked' ? 'drafted' : 'checked';
  if (finding.status === from) return;
  const en = `finding ${finding.id} is ${finding.status}; it must be ${from} to be ${to}`;
  if (to === 'checked')
    throw rectificationRefusal('NOT_A_DRAFT', {
      zh: `问题${titleOf(finding)}${FINDING_STATUS_LABELS[finding.status]}，无需再审核。只有已起草、尚未审核的问题才能审核`,
      en,
    });
  throw rectificationRefusal('NOT_CHECKED', {
    zh:
      finding.status === 'signed'
        ? `问题${titleOf(finding)}已经签字，无需再签`
        : `问题${titleOf(finding)}尚未经副组长审核，不能签字。请副组长先审核`,
    en,
  });
}
