import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { AuditService, Clock } from '@liandong/messaging';
import { CoverageReporter } from '@liandong/planning';
import { DataSource } from 'typeorm';
import { CloseItemDto } from '../../dto/rectification.dto';
import { RectificationItemView } from '../../dto/rectification.views';
import { rectificationRefusal } from '../../rectification.errors';
import { mapItem } from '../rectification.mapper';
import {
  lockItem,
  lockRectification,
  proofCount,
  proofsOf,
  updateItem,
} from '../rectification.repository';

/**
 * 整改销号: only with proof (a text, or files uploaded before, or both), only once someone
 * answers for the item, and only once.
 */
@Injectable()
export class CloseItem {
  constructor(
    private readonly dataSource: DataSource,
    private readonly coverage: CoverageReporter,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(
    id: string,
    itemId: string,
    dto: CloseItemDto,
    user: Principal,
  ): Promise<RectificationItemView> {
    const proof = dto.proof ?? null;
    const item = await this.dataSource.transaction(async (manager) => {
      await lockRectification(manager, id);
      const item = await lockItem(manager, id, itemId);
      if (item.status === 'closed')
        throw rectificationRefusal('ITEM_CLOSED', {
          zh: '该问题已经整改销号，无需重复销号',
          en: `item ${itemId} is already closed`,
        });
      if (!item.responsiblePerson)
        throw rectificationRefusal('NO_RESPONSIBILITY', {
          zh: '该问题尚未明确责任人，不能销号。请先填写责任人、单位主要负责人和整改任务',
          en: `item ${itemId} has no responsible person yet; assign it (PUT …/items/${itemId}) before closing`,
        });
      const files = await proofCount(manager, itemId);
      if (!proof && files === 0)
        throw rectificationRefusal('NO_PROOF', {
          zh: '该问题还没有销号佐证，不能销号。请先上传佐证材料，或填写佐证说明',
          en: `item ${itemId} has no proof: upload a file (POST …/items/${itemId}/proof) or give a proof text`,
        });
      const now = this.clock.now();
      const change = { status: 'closed' as const, proof, closedBy: user.username, closedAt: now };
      await updateItem(manager, itemId, change);
      // The closed items travel in the coverage report.
      await this.coverage.report(manager);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'rectification.item_closed',
        subjectType: 'rectification',
        subjectId: id,
        detail: { itemId, proofText: Boolean(proof), proofFiles: files },
      });
      return { item: { ...item, ...change }, proofs: await proofsOf(manager, id) };
    });
    return mapItem(item.item, item.proofs);
  }
}
