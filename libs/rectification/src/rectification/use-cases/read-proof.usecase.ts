import { Injectable, StreamableFile } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { AuditService } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { attachmentDisposition } from '../../findings/evidence-filename';
import { rectificationRefusal } from '../../rectification.errors';
import { findRectification, proofWithData } from '../rectification.repository';

/** A file of proof, for those who read the rectification; each read is audited. */
@Injectable()
export class ReadProof {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async execute(
    id: string,
    itemId: string,
    proofId: string,
    user: Principal,
  ): Promise<StreamableFile> {
    const proof = await this.dataSource.transaction(async (manager) => {
      await findRectification(manager, id);
      const proof = await proofWithData(manager, { rectificationId: id, itemId, proofId });
      if (!proof)
        throw rectificationRefusal(
          'PROOF_NOT_FOUND',
          {
            zh: `这个问题下没有这份佐证材料（编号 ${proofId}）。请从整改的问题清单重新打开`,
            en: `no proof ${proofId} on item ${itemId} of rectification ${id}`,
          },
          404,
        );
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'rectification.proof_read',
        subjectType: 'rectification',
        subjectId: id,
        detail: { itemId, proofId, sha256: proof.sha256 },
      });
      return proof;
    });
    return new StreamableFile(proof.data, {
      type: proof.contentType,
      disposition: attachmentDisposition(proof.filename, 'proof'),
    });
  }
}
