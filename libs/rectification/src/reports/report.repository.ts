import { EntityManager } from 'typeorm';
import { InspectionReport, ReportDecision } from '../entities';

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

/** The versions of an inspection's report that hold the finding, oldest first. */
export async function versionsHolding(
  manager: EntityManager,
  inspectionId: string,
  findingId: string,
): Promise<number[]> {
  const reports = await manager.find(InspectionReport, {
    where: { inspectionId },
    order: { version: 'ASC' },
  });
  return reports
    .filter((r) => r.findings.some((f) => f.findingId === findingId))
    .map((r) => r.version);
}

export async function insertReport(
  manager: EntityManager,
  report: InspectionReport,
): Promise<void> {
  await manager.insert(InspectionReport, report);
}

export async function isDecided(manager: EntityManager, reportId: string): Promise<boolean> {
  return (await manager.count(ReportDecision, { where: { reportId } })) > 0;
}

export async function insertDecision(manager: EntityManager, row: ReportDecision): Promise<void> {
  await manager.insert(ReportDecision, row);
}
