import { EntityManager } from 'typeorm';
import { InspectionReport } from '../entities';

/** The latest finalized version of an inspection's report, if any. */
export function latestReport(
  manager: EntityManager,
  inspectionId: string,
): Promise<InspectionReport | null> {
  return manager.findOne(InspectionReport, {
    where: { inspectionId },
    order: { version: 'DESC' },
  });
}
