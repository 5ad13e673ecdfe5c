import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { InspectionDirectory } from '@liandong/planning';
import { DataSource } from 'typeorm';
import { FollowUpDto } from '../../dto/rectification.dto';
import { FollowUpInspectionView } from '../../dto/rectification.views';
import { rectificationRefusal } from '../../rectification.errors';
import { mapFollowUp } from '../rectification.mapper';
import {
  closedItemCount,
  lockRectification,
  updateRectification,
} from '../rectification.repository';

/**
 * 回头看: a follow-up inspection of the organization, in a follow-up round of this node, to
 * verify its closed items. Planning schedules (and audits) the inspection.
 */
@Injectable()
export class ScheduleFollowUp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inspections: InspectionDirectory,
  ) {}

  async execute(id: string, dto: FollowUpDto, user: Principal): Promise<FollowUpInspectionView> {
    const { roundId } = dto;
    const inspection = await this.dataSource.transaction(async (manager) => {
      const rectification = await lockRectification(manager, id);
      await this.inspections.followUpRound(manager, roundId);
      const closed = await closedItemCount(manager, id);
      if (closed === 0)
        throw rectificationRefusal('NOTHING_TO_VERIFY', {
          zh: '这项整改还没有已销号的问题。“回头看”是核查已销号问题的，请在有问题销号后再安排',
          en: 'no item is closed yet; a follow-up inspection verifies closed items',
        });
      const inspection = await this.inspections.schedule(
        manager,
        roundId,
        rectification.organizationCode,
        actorOf(user),
      );
      await updateRectification(manager, id, { followUpInspectionId: inspection.id });
      return inspection;
    });
    return mapFollowUp(inspection);
  }
}
