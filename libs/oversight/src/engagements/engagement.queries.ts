import { Injectable } from '@nestjs/common';
import { Clock, NodeNames } from '@liandong/messaging';
import {
  OVERSIGHT_AREAS,
  OVERSIGHT_CHECKLIST_ITEMS,
  OVERSIGHT_FORMS,
  areaOf,
} from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { AREA_LABELS, FORM_LABELS, ITEM_LABELS } from '../checklist';
import { mapAttendee, mapEngagement, mapObservation, mapRecommendation } from './engagement.mapper';
import {
  attendeesOf,
  findEngagement,
  listEngagements,
  observationsOf,
  recommendationsOf,
} from './engagement.repository';
import { ChecklistView, EngagementDetailView, EngagementView } from './engagement.views';

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
      observations: (await observationsOf(manager, id)).map(mapObservation),
      attendees: (await attendeesOf(manager, id)).map(mapAttendee),
      recommendations: (await recommendationsOf(manager, id)).map((r) => mapRecommendation(r, now)),
    };
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
