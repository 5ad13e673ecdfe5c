import { Injectable } from '@nestjs/common';
import { AuditService, Clock, NodeNames } from '@liandong/messaging';
import { uuidv7 } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { Observation } from '../../entities';
import { ObservationDto } from '../engagement.dto';
import { mapObservation } from '../engagement.mapper';
import { lockEngagement } from '../engagement.repository';
import { ObservationView } from '../engagement.views';
import { requireInChecklist, requireOpen, requireOverseeing } from './overseeing';

/** The overseeing team records what it saw on one checklist item. */
@Injectable()
export class RecordObservation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
  ) {}

  async execute(id: string, dto: ObservationDto, actor: string): Promise<ObservationView> {
    return this.dataSource.transaction(async (manager) => {
      const engagement = await lockEngagement(manager, id);
      requireOverseeing(engagement, this.names);
      requireOpen(engagement);
      requireInChecklist(engagement, [dto.item]);
      const now = this.clock.now();
      const observation = manager.create(Observation, {
        id: uuidv7(now.getTime()),
        engagementId: id,
        item: dto.item,
        text: dto.text,
        recordedBy: actor,
        recordedAt: now,
      });
      await manager.insert(Observation, observation);
      await this.audit.record(manager, {
        actor,
        action: 'oversight.observation_recorded',
        subjectType: 'oversight_engagement',
        subjectId: id,
        detail: { observationId: observation.id, item: dto.item },
      });
      return mapObservation(observation, []);
    });
  }
}
