import { Injectable, StreamableFile } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { AuditService } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { Evidence } from '../../entities';
import { TeamAccess } from '../../team-access';
import { titleOf } from '../dossier';
import { attachmentDisposition } from '../evidence-filename';
import { findFinding } from '../finding.repository';
import { rectificationRefusal } from '../../rectification.errors';

/** Evidence opens for the team, the inspection office and the leading group; each read is audited. */
@Injectable()
export class ReadEvidence {
  constructor(
    private readonly dataSource: DataSource,
    private readonly team: TeamAccess,
    private readonly audit: AuditService,
  ) {}

  async execute(findingId: string, evidenceId: string, user: Principal): Promise<StreamableFile> {
    const evidence = await this.dataSource.transaction(async (manager) => {
      const finding = await findFinding(manager, findingId);
      await this.team.requireTeamOrOffice(manager, finding.inspectionId, user);
      const evidence = await manager
        .getRepository(Evidence)
        .createQueryBuilder('e')
        .addSelect('e.data')
        .where('e.id = :evidenceId AND e.finding_id = :findingId', { evidenceId, findingId })
        .getOne();
      if (!evidence)
        throw rectificationRefusal(
          'EVIDENCE_NOT_FOUND',
          {
            zh: `问题${titleOf(finding)}下没有这份证据材料（编号 ${evidenceId}）。请从该问题的证据列表重新打开`,
            en: `no evidence ${evidenceId} on this finding`,
          },
          404,
        );
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'evidence.read',
        subjectType: 'finding',
        subjectId: findingId,
        detail: { evidenceId, sha256: evidence.sha256 },
      });
      return evidence;
    });
    return new StreamableFile(evidence.data, {
      type: evidence.contentType,
      disposition: attachmentDisposition(evidence.filename),
    });
  }
}
