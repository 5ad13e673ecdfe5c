import type { AuditEntry } from '@liandong/messaging';
import { EvidenceView, FindingTrailEntryView, FindingView } from '../dto/finding.views';
import { Evidence, Finding } from '../entities';
import { FINDING_STATUS_LABELS, FINDING_TRAIL_LABELS, PROBLEM_CATEGORY_LABELS } from '../labels';

export function mapEvidence(e: Evidence): EvidenceView {
  // The file itself is fetched on its own, audited; a listing never carries it.
  return {
    id: e.id,
    findingId: e.findingId,
    filename: e.filename,
    contentType: e.contentType,
    size: e.size,
    sha256: e.sha256,
    uploadedBy: e.uploadedBy,
    uploadedAt: e.uploadedAt,
  };
}

/** A finding; with its evidence only where the route lists it (an inspection's findings). */
export function mapFinding(f: Finding, evidence?: Evidence[]): FindingView {
  const view: FindingView = {
    id: f.id,
    inspectionId: f.inspectionId,
    title: f.title,
    facts: f.facts,
    basis: f.basis,
    category: f.category,
    categoryLabel: f.category ? PROBLEM_CATEGORY_LABELS[f.category] : '未分类',
    status: f.status,
    statusLabel: FINDING_STATUS_LABELS[f.status],
    draftedBy: f.draftedBy,
    checkedBy: f.checkedBy,
    signedBy: f.signedBy,
    createdAt: f.createdAt,
    returnedReason: f.returnedReason,
    returnedBy: f.returnedBy,
    returnedAt: f.returnedAt,
    withdrawnReason: f.withdrawnReason,
    withdrawnBy: f.withdrawnBy,
    withdrawnAt: f.withdrawnAt,
  };
  if (evidence) view.evidence = evidence.map(mapEvidence);
  return view;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function mapTrailEntry(e: AuditEntry): FindingTrailEntryView {
  return {
    seq: Number(e.seq),
    occurredAt: e.occurredAt,
    actor: e.actor,
    action: e.action,
    actionLabel: FINDING_TRAIL_LABELS[e.action] ?? e.action,
    reason: text(e.detail?.reason),
    filename: text(e.detail?.filename),
    sha256: text(e.detail?.sha256),
  };
}
