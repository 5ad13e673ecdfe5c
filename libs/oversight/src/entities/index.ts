import { Attendee, Engagement, Observation } from './engagement.entity';
import { ChildOversight, Recommendation } from './recommendation.entity';

export * from './engagement.entity';
export * from './recommendation.entity';

export const OVERSIGHT_ENTITIES = [
  Engagement,
  Observation,
  Attendee,
  Recommendation,
  ChildOversight,
];
