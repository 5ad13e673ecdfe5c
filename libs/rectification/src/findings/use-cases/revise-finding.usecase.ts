import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { AuditService } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { FindingRevisionDto } from '../../dto/finding.dto';
import { FindingView } from '../../dto/finding.views';
import { FINDING_STATUS_LABELS } from '../../labels';
import { TeamAccess } from '../../team-access';
import { titleOf } from '../dossier';
import { mapFinding } from '../finding.mapper';
import { findingWithdrawn, lockFinding, updateFinding } from '../finding.repository';
import { rectificationRefusal } from '../../rectification.errors';

/** 修改: the team revises a draft; once checked it waits for the leader to return it. */
@Injectable()
export class ReviseFinding {
  constructor(
    private readonly dataSource: DataSource,
    private readonly team: TeamAccess,
    private readonly audit: AuditService,
  ) {}

  async execute(id: string, change: FindingRevisionDto, user: Principal): Promise<FindingView> {
    const revised = await this.dataSource.transaction(async (manager) => {
      const finding = await lockFinding(manager, id);
      await this.team.require(manager, finding.inspectionId, user);
      if (finding.status === 'withdrawn')
        throw findingWithdrawn(finding, { zh: '修改', en: 'revised' });
      if (finding.status !== 'drafted')
        throw rectificationRefusal('FINDING_LOCKED', {
          zh: `问题${titleOf(finding)}${FINDING_STATUS_LABELS[finding.status]}，不能再修改。如需修改，请组长先将其退回修改`,
          en: `finding ${id} is ${finding.status}; only a draft is revised (the leader can return it to draft: POST /findings/${id}/return)`,
        });
      const revised = {
        ...finding,
        title: change.title ?? finding.title,
        facts: change.facts ?? finding.facts,
        basis: change.basis ?? finding.basis,
        // null takes the category off; absent leaves it as it is.
        category: change.category === undefined ? finding.category : change.category,
      };
      await updateFinding(manager, id, {
        title: revised.title,
        facts: revised.facts,
        basis: revised.basis,
        category: revised.category,
      });
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'finding.revised',
        subjectType: 'finding',
        subjectId: id,
        detail: {
          fields: Object.keys(change).filter(
            (key) => change[key as keyof FindingRevisionDto] !== undefined,
          ),
        },
      });
      return revised;
    });
    return mapFinding(revised);
  }
}
