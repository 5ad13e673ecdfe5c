export * from './entities';
export * from './checklist';
export * from './oversight.module';
export { OversightWork } from './oversight.work';
export * from './engagements/engagement.dto';
export * from './engagements/engagement.views';
export * from './figures/figures.views';
export { OversightSchema1764116700000 } from './migrations/1764116700000-oversight-schema';

import { OversightSchema1764116700000 } from './migrations/1764116700000-oversight-schema';
import { ObservationEvidence1764116900000 } from './migrations/1764116900000-observation-evidence';
/** The oversight library's migrations (a node interleaves them with the others by timestamp). */
export const OVERSIGHT_MIGRATIONS = [
  OversightSchema1764116700000,
  ObservationEvidence1764116900000,
];
