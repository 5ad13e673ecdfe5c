import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { AuditService, Clock } from '@liandong/messaging';
import { uuidv7 } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { ProofFileView } from '../../dto/rectification.views';
import { RectificationProof } from '../../entities';
import { safeFilename } from '../../findings/evidence-filename';
import { evidenceProblem } from '../../findings/evidence-type';
import { rectificationRefusal } from '../../rectification.errors';
import { mapProof } from '../rectification.mapper';
import { insertProof, lockItem, lockRectification } from '../rectification.repository';

export interface ProofFile {
  data: Buffer;
  contentType?: string;
  filename: string;
}

/**
 * 销号佐证材料: a file that shows an item is fixed, for an item still open — checked as evidence
 * is (its type by its bytes, its size), kept with its SHA-256 under a safe name, audited.
 */
@Injectable()
export class AddProof {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(
    id: string,
    itemId: string,
    file: ProofFile,
    user: Principal,
  ): Promise<ProofFileView> {
    const problem = evidenceProblem(file.data, file.contentType);
    if (problem) throw rectificationRefusal('BAD_PROOF', problem, 400);
    const proof = await this.dataSource.transaction(async (manager) => {
      await lockRectification(manager, id);
      const item = await lockItem(manager, id, itemId);
      if (item.status === 'closed')
        throw rectificationRefusal('ITEM_CLOSED', {
          zh: '该问题已经整改销号，不能再补充佐证材料',
          en: `item ${itemId} is closed; its proof is complete`,
        });
      const proof = manager.create(RectificationProof, {
        id: uuidv7(this.clock.now().getTime()),
        rectificationId: id,
        itemId,
        // Only a base name is kept: the client's path (or a crafted `../..`) never reaches a download.
        filename: safeFilename(file.filename),
        contentType: (file.contentType as string).split(';')[0].trim().toLowerCase(),
        size: file.data.length,
        sha256: createHash('sha256').update(file.data).digest('hex'),
        data: file.data,
        uploadedBy: user.username,
        uploadedAt: this.clock.now(),
      });
      await insertProof(manager, proof);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'rectification.proof_added',
        subjectType: 'rectification',
        subjectId: id,
        detail: {
          itemId,
          proofId: proof.id,
          filename: proof.filename,
          sha256: proof.sha256,
          size: proof.size,
        },
      });
      return proof;
    });
    return mapProof(proof);
  }
}
