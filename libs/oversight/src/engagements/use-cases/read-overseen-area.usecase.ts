import { Injectable } from '@nestjs/common';
import { AuditService, Clock, LiveQueries, NodeNames } from '@liandong/messaging';
import { chinaDate, OversightArea } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { AREA_LABELS } from '../../checklist';
import { AreaAnswer, AreaQueryBody, requireGranted } from '../area-answer';
import { findEngagement } from '../engagement.repository';
import { AreaReadView } from '../engagement.views';
import { requireOverseeing } from './overseeing';

/**
 * The overseeing node reads a granted area of the overseen node, live: refused here when
 * its own copy of the grant does not cover today, and by the overseen node by its own;
 * audited at both ends.
 */
@Injectable()
export class ReadOverseenArea {
  constructor(
    private readonly dataSource: DataSource,
    private readonly liveQueries: LiveQueries,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
  ) {}

  async execute(id: string, area: OversightArea, actor: string): Promise<AreaReadView> {
    const engagement = await findEngagement(this.dataSource.manager, id);
    requireOverseeing(engagement, this.names);
    requireGranted(engagement, area, chinaDate(this.clock.now()));
    const answer = await this.liveQueries.ask<AreaQueryBody, AreaAnswer>(
      engagement.overseenNode,
      'oversight',
      { engagementId: id, area },
    );
    const now = this.clock.now();
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, {
        actor,
        action: 'oversight.area_read',
        subjectType: 'oversight_engagement',
        subjectId: id,
        detail: { area, overseenNode: engagement.overseenNode },
      }),
    );
    return {
      engagementId: id,
      overseenNode: engagement.overseenNode,
      area,
      areaLabel: AREA_LABELS[area],
      readAt: now.toISOString(),
      inspections: answer.inspections,
      coverage: answer.coverage,
      tables: answer.tables ?? [],
    };
  }
}
