import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { evidenceProblem, safeFilename } from '@liandong/common';
import { AuditService, Clock, NodeNames } from '@liandong/messaging';
import { uuidv7 } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { Observation, ObservationEvidence } from '../../entities';
import { oversightRefusal } from '../../oversight.errors';
import { mapObservationEvidence } from '../engagement.mapper';
import { lockEngagement } from '../engagement.repository';
import { ObservationEvidenceView } from '../engagement.views';
import { requireOpen, requireOverseeing } from './overseeing';

export interface EvidenceUpload {
  data: Buffer;
  contentType?: string;
  filename: string;
}

/** The overseeing team keeps a file as evidence of one of its observations, with its SHA-256. */
@Injectable()
export class AddObservationEvidence {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
  ) {}

  async execute(
    id: string,
    observationId: string,
    file: EvidenceUpload,
    actor: string,
  ): Promise<ObservationEvidenceView> {
    const problem = evidenceProblem(file.data, file.contentType);
    if (problem) throw oversightRefusal('BAD_EVIDENCE', problem, 400);
    return this.dataSource.transaction(async (manager) => {
      const engagement = await lockEngagement(manager, id);
      requireOverseeing(engagement, this.names);
      requireOpen(engagement);
      const observation = await manager.findOne(Observation, {
        where: { id: observationId, engagementId: id },
      });
      if (!observation) throw observationNotFound(observationId);
      const now = this.clock.now();
      const evidence = manager.create(ObservationEvidence, {
        id: uuidv7(now.getTime()),
        observationId,
        filename: safeFilename(file.filename),
        contentType: (file.contentType as string).split(';')[0].trim().toLowerCase(),
        size: file.data.length,
        sha256: createHash('sha256').update(file.data).digest('hex'),
        data: file.data,
        uploadedBy: actor,
        uploadedAt: now,
      });
      await manager.insert(ObservationEvidence, evidence);
      await this.audit.record(manager, {
        actor,
        action: 'oversight.evidence_added',
        subjectType: 'oversight_engagement',
        subjectId: id,
        detail: {
          observationId,
          evidenceId: evidence.id,
          filename: evidence.filename,
          sha256: evidence.sha256,
          size: evidence.size,
        },
      });
      return mapObservationEvidence(evidence);
    });
  }
}

export function observationNotFound(observationId: string) {
  return oversightRefusal(
    'OBSERVATION_NOT_FOUND',
    {
      zh: `这项指导督导没有这条督导情况记录（编号 ${observationId}）。请从督导情况列表重新选择`,
      en: `no observation ${observationId} on this engagement`,
    },
    404,
  );
}
