import { Attendee, Engagement, Observation, ObservationEvidence } from './engagement.entity';
import { ChildOversight, Recommendation } from './recommendation.entity';

export * from './engagement.entity';
export * from './recommendation.entity';

export const OVERSIGHT_ENTITIES = [
  Engagement,
  Observation,
  ObservationEvidence,
  Attendee,
  Recommendation,
  ChildOversight,
];
