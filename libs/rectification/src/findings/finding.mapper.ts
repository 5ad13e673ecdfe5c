import { EvidenceView, FindingView } from '../dto/finding.views';
import { Evidence, Finding } from '../entities';
import { FINDING_STATUS_LABELS } from '../labels';

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
