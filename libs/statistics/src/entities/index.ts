import { ChildStatistics, StatisticsReport } from './statistics-report.entity';

export * from './statistics-report.entity';

export const STATISTICS_ENTITIES = [StatisticsReport, ChildStatistics];
