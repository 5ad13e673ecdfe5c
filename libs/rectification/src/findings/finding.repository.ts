import { DomainError, findOrFail, lockOrFail } from '@liandong/common';
import type { Inspection, InspectionDirectory } from '@liandong/planning';
import { AuditEntry } from '@liandong/messaging';
import { EntityManager, In } from 'typeorm';
import { Evidence, Finding } from '../entities';
import { titleOf } from './dossier';
import { rectificationRefusal } from '../rectification.errors';

export function findingNotFound(id: string): DomainError {
  return rectificationRefusal(
    'FINDING_NOT_FOUND',
    {
      zh: `本节点没有这个问题（编号 ${id}）。请回到问题列表重新选择`,
      en: `no finding ${id} on this node`,
    },
    404,
  );
}

/** The finding was withdrawn from the report by the inspection office: nothing more is done with it. */
export function findingWithdrawn(finding: Finding, what: { zh: string; en: string }): DomainError {
  return rectificationRefusal('FINDING_WITHDRAWN', {
    zh: `问题${titleOf(finding)}已由巡视巡察办撤回（理由：${finding.withdrawnReason ?? '未注明'}），不能再${what.zh}`,
    en: `finding ${finding.id} was withdrawn by the inspection office; it cannot be ${what.en}`,
  });
}

export function findFinding(manager: EntityManager, id: string): Promise<Finding> {
  return findOrFail(manager, Finding, { id }, () => findingNotFound(id));
}

export function lockFinding(manager: EntityManager, id: string): Promise<Finding> {
  return lockOrFail(manager, Finding, { id }, () => findingNotFound(id));
}

/**
 * Locks the finding's inspection, then the finding: finalizing a report locks the inspection
 * too, so no report can take in the finding while it is returned or withdrawn.
 */
export async function lockFindingWithInspection(
  manager: EntityManager,
  inspections: InspectionDirectory,
  id: string,
): Promise<{ finding: Finding; inspection: Inspection | null }> {
  const found = await findFinding(manager, id);
  const inspection = await inspections.lock(manager, found.inspectionId);
  return { finding: await lockFinding(manager, id), inspection };
}

/** An inspection's findings in the order drafted, each with its evidence (without the bytes). */
export async function findingsWithEvidence(
  manager: EntityManager,
  inspectionId: string,
): Promise<Array<Finding & { evidence: Evidence[] }>> {
  const findings = await manager.find(Finding, {
    where: { inspectionId },
    order: { createdAt: 'ASC' },
  });
  if (findings.length === 0) return [];
  const evidence = await manager.find(Evidence, {
    where: { findingId: In(findings.map((f) => f.id)) },
    order: { uploadedAt: 'ASC' },
  });
  return findings.map((f) => ({ ...f, evidence: evidence.filter((e) => e.findingId === f.id) }));
}

export async function insertFinding(manager: EntityManager, finding: Finding): Promise<void> {
  await manager.insert(Finding, finding);
}

export async function updateFinding(
  manager: EntityManager,
  id: string,
  change: Partial<Finding>,
): Promise<void> {
  await manager.update(Finding, { id }, change);
}

export async function insertEvidence(manager: EntityManager, evidence: Evidence): Promise<void> {
  await manager.insert(Evidence, evidence);
}

export function evidenceCount(manager: EntityManager, findingId: string): Promise<number> {
  return manager.count(Evidence, { where: { findingId } });
}

/** Those of the findings `ids` that were withdrawn. */
export function withdrawnAmong(manager: EntityManager, ids: string[]): Promise<Finding[]> {
  return ids.length
    ? manager.find(Finding, { where: { id: In(ids), status: 'withdrawn' } })
    : Promise.resolve([]);
}

/** The finding with its evidence (without the bytes), oldest file first. */
export async function findingWithEvidence(
  manager: EntityManager,
  id: string,
): Promise<Finding & { evidence: Evidence[] }> {
  const finding = await findFinding(manager, id);
  const evidence = await manager.find(Evidence, {
    where: { findingId: id },
    order: { uploadedAt: 'ASC' },
  });
  return { ...finding, evidence };
}

/** The audit log's entries about a finding, in the order of the chain. */
export function auditEntriesOf(manager: EntityManager, findingId: string): Promise<AuditEntry[]> {
  return manager.find(AuditEntry, {
    where: { subjectType: 'finding', subjectId: findingId },
    order: { seq: 'ASC' },
  });
}
