export * from './entities';
export * from './form';
export * from './statistics.module';
export * from './reports/statistics.dto';
export * from './reports/statistics.views';
export { StatisticsSchema1764117350000 } from './migrations/1764117350000-statistics-schema';

import { StatisticsSchema1764117350000 } from './migrations/1764117350000-statistics-schema';
/** The statistics library's migrations (a node interleaves them with the others by timestamp). */
export const STATISTICS_MIGRATIONS = [StatisticsSchema1764117350000];
