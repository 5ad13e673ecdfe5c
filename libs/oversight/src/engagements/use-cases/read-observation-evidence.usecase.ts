import { Injectable, StreamableFile } from '@nestjs/common';
import { attachmentDisposition } from '@liandong/common';
import { AuditService, NodeNames } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { Observation, ObservationEvidence } from '../../entities';
import { oversightRefusal } from '../../oversight.errors';
import { findEngagement } from '../engagement.repository';
import { requireOverseeing } from './overseeing';

/** An observation's evidence file, for the overseeing office; each read is audited. */
@Injectable()
export class ReadObservationEvidence {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly names: NodeNames,
  ) {}

  async execute(id: string, evidenceId: string, actor: string): Promise<StreamableFile> {
    const evidence = await this.dataSource.transaction(async (manager) => {
      const engagement = await findEngagement(manager, id);
      requireOverseeing(engagement, this.names);
      const evidence = await manager
        .createQueryBuilder(ObservationEvidence, 'e')
        .addSelect('e.data')
        .innerJoin(Observation, 'o', 'o.id = e.observation_id')
        .where('e.id = :evidenceId AND o.engagement_id = :id', { evidenceId, id })
        .getOne();
      if (!evidence)
        throw oversightRefusal(
          'EVIDENCE_NOT_FOUND',
          {
            zh: `这项指导督导没有这份证据材料（编号 ${evidenceId}）。请从督导情况的证据列表重新打开`,
            en: `no evidence ${evidenceId} on this engagement`,
          },
          404,
        );
      await this.audit.record(manager, {
        actor,
        action: 'oversight.evidence_read',
        subjectType: 'oversight_engagement',
        subjectId: id,
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
