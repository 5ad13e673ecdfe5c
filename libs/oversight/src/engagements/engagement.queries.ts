import { Injectable } from '@nestjs/common';
import { Clock, NodeNames } from '@liandong/messaging';
import {
  OVERSIGHT_AREAS,
  OVERSIGHT_CHECKLIST_ITEMS,
  OVERSIGHT_FORMS,
  areaOf,
} from '@liandong/protocol';
import { DataSource, EntityManager } from 'typeorm';
import { AREA_LABELS, FORM_LABELS, ITEM_LABELS } from '../checklist';
import { mapAttendee, mapEngagement, mapObservation, mapRecommendation } from './engagement.mapper';
import {
  attendeesOf,
  evidenceOf,
  findEngagement,
  listEngagements,
  observationsOf,
  recommendationsOf,
} from './engagement.repository';
import {
  ChecklistView,
  EngagementDetailView,
  EngagementView,
  ObservationView,
} from './engagement.views';

/** Engagements as this node holds them, overseeing or overseen, with the clock's view of time. */
@Injectable()
export class EngagementQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly names: NodeNames,
  ) {}

  async list(): Promise<EngagementView[]> {
    const now = this.clock.now();
    return (await listEngagements(this.dataSource.manager)).map((e) =>
      mapEngagement(e, now, this.names),
    );
  }

  async detail(id: string): Promise<EngagementDetailView> {
    const manager = this.dataSource.manager;
    const now = this.clock.now();
    const engagement = await findEngagement(manager, id);
    return {
      ...mapEngagement(engagement, now, this.names),
      observations: await this.observations(manager, id),
      attendees: (await attendeesOf(manager, id)).map(mapAttendee),
      recommendations: (await recommendationsOf(manager, id)).map((r) => mapRecommendation(r, now)),
    };
  }

  private async observations(manager: EntityManager, id: string): Promise<ObservationView[]> {
    const evidence = await evidenceOf(manager, id);
    return (await observationsOf(manager, id)).map((o) => mapObservation(o, evidence));
  }

  checklist(): ChecklistView {
    return {
      forms: OVERSIGHT_FORMS.map((code) => ({ code, label: FORM_LABELS[code] })),
      areas: OVERSIGHT_AREAS.map((area) => ({
        code: area,
        label: AREA_LABELS[area],
        items: OVERSIGHT_CHECKLIST_ITEMS.filter((item) => areaOf(item) === area).map((code) => ({
          code,
          label: ITEM_LABELS[code],
        })),
      })),
    };
  }
}
