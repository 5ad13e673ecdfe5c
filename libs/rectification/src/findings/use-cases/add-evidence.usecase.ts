import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { AuditService, Clock } from '@liandong/messaging';
import { uuidv7 } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { EvidenceView } from '../../dto/finding.views';
import { Evidence } from '../../entities';
import { TeamAccess } from '../../team-access';
import { titleOf } from '../dossier';
import { safeFilename } from '../evidence-filename';
import { evidenceProblem } from '../evidence-type';
import { mapEvidence } from '../finding.mapper';
import { findingWithdrawn, insertEvidence, lockFinding } from '../finding.repository';
import { rectificationRefusal } from '../../rectification.errors';

export interface EvidenceFile {
  data: Buffer;
  contentType?: string;
  filename: string;
}

/** An evidence file for a finding not yet signed, kept with its SHA-256 under a safe name. */
@Injectable()
export class AddEvidence {
  constructor(
    private readonly dataSource: DataSource,
    private readonly team: TeamAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, file: EvidenceFile, user: Principal): Promise<EvidenceView> {
    const problem = evidenceProblem(file.data, file.contentType);
    if (problem) throw rectificationRefusal('BAD_EVIDENCE', problem, 400);
    const evidence = await this.dataSource.transaction(async (manager) => {
      const finding = await lockFinding(manager, id);
      await this.team.require(manager, finding.inspectionId, user);
      if (finding.status === 'withdrawn')
        throw findingWithdrawn(finding, { zh: '补充证据', en: 'given evidence' });
      if (finding.status === 'signed')
        throw rectificationRefusal('FINDING_LOCKED', {
          zh: `问题${titleOf(finding)}已经组长签字，不能再补充证据。如需补充，请组长先将其退回修改`,
          en: `finding ${id} is signed; evidence is closed`,
        });
      const evidence = manager.create(Evidence, {
        id: uuidv7(this.clock.now().getTime()),
        findingId: id,
        // Only a base name is kept: the client's path (or a crafted `../..`) never reaches a download.
        filename: safeFilename(file.filename),
        contentType: (file.contentType as string).split(';')[0].trim().toLowerCase(),
        size: file.data.length,
        sha256: createHash('sha256').update(file.data).digest('hex'),
        data: file.data,
        uploadedBy: user.username,
        uploadedAt: this.clock.now(),
      });
      await insertEvidence(manager, evidence);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'evidence.added',
        subjectType: 'finding',
        subjectId: id,
        detail: {
          evidenceId: evidence.id,
          filename: evidence.filename,
          sha256: evidence.sha256,
          size: evidence.size,
        },
      });
      return evidence;
    });
    return mapEvidence(evidence);
  }
}
