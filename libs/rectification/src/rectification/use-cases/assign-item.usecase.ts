import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { AuditService } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { AssignItemDto } from '../../dto/rectification.dto';
import { RectificationItemView } from '../../dto/rectification.views';
import { rectificationRefusal } from '../../rectification.errors';
import { mapItem } from '../rectification.mapper';
import { lockItem, lockRectification, proofsOf, updateItem } from '../rectification.repository';

/** 责任清单 and 任务清单 for one problem: who answers for it, the unit head, the tasks. */
@Injectable()
export class AssignItem {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async execute(
    id: string,
    itemId: string,
    dto: AssignItemDto,
    user: Principal,
  ): Promise<RectificationItemView> {
    const change = {
      responsiblePerson: dto.responsiblePerson,
      unitHead: dto.unitHead,
      tasks: dto.tasks,
    };
    const item = await this.dataSource.transaction(async (manager) => {
      await lockRectification(manager, id);
      const item = await lockItem(manager, id, itemId);
      if (item.status === 'closed')
        throw rectificationRefusal('ITEM_CLOSED', {
          zh: '该问题已整改销号，不能再修改责任人和整改任务',
          en: `item ${itemId} is closed`,
        });
      await updateItem(manager, itemId, change);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'rectification.item_assigned',
        subjectType: 'rectification',
        subjectId: id,
        detail: { itemId, ...change },
      });
      return { item: { ...item, ...change }, proofs: await proofsOf(manager, id) };
    });
    return mapItem(item.item, item.proofs);
  }
}
