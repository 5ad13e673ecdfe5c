import type { Inspection } from '@liandong/planning';
import {
  DeadlineView,
  FollowUpInspectionView,
  ProgressReportView,
  ProofFileView,
  RectificationDetailView,
  RectificationItemView,
  RectificationSummaryView,
  RectificationView,
  ReviewedProgressReportView,
} from '../dto/rectification.views';
import {
  ProgressReport,
  Rectification,
  RectificationAlert,
  RectificationItem,
  RectificationProof,
  REVIEWING_OFFICES,
  SupervisionNote,
} from '../entities';
import { ITEM_STATUS_LABELS, REVIEWING_OFFICE_LABELS } from '../labels';
import { ALERT_LABELS, ALERT_NOTIFY, alertLevels, daysBetween } from './deadline';
import type { RectificationCounts } from './rectification.repository';
import { mapSupervisionNote } from './supervision-note.mapper';

export function mapRectification(r: Rectification): RectificationView {
  return {
    id: r.id,
    inspectionId: r.inspectionId,
    organizationCode: r.organizationCode,
    organizationName: r.organizationName,
    conductingNode: r.conductingNode,
    mode: r.mode,
    feedbackAt: r.feedbackAt,
    dueOn: r.dueOn,
    policyMonths: r.policyMonths,
    policySetBy: r.policySetBy,
    disclosureText: r.disclosureText,
    disclosedOn: r.disclosedOn,
    followUpInspectionId: r.followUpInspectionId,
    createdAt: r.createdAt,
  };
}

export function mapProof(p: RectificationProof): ProofFileView {
  return {
    id: p.id,
    itemId: p.itemId,
    filename: p.filename,
    contentType: p.contentType,
    size: p.size,
    sha256: p.sha256,
    uploadedBy: p.uploadedBy,
    uploadedAt: p.uploadedAt,
  };
}

/** An item with its files of proof (those of this item among `proofs`, oldest first). */
export function mapItem(
  i: RectificationItem,
  proofs: RectificationProof[] = [],
): RectificationItemView {
  return {
    id: i.id,
    rectificationId: i.rectificationId,
    findingId: i.findingId,
    problem: i.problem,
    basis: i.basis,
    responsiblePerson: i.responsiblePerson,
    unitHead: i.unitHead,
    tasks: [...i.tasks],
    status: i.status,
    statusLabel: ITEM_STATUS_LABELS[i.status],
    proof: i.proof,
    proofFiles: proofs
      .filter((p) => p.itemId === i.id)
      .sort((a, b) => a.uploadedAt.getTime() - b.uploadedAt.getTime())
      .map(mapProof),
    closedBy: i.closedBy,
    closedAt: i.closedAt,
  };
}

export function mapProgressReport(p: ProgressReport): ProgressReportView {
  return {
    id: p.id,
    rectificationId: p.rectificationId,
    text: p.text,
    submittedBy: p.submittedBy,
    submittedAt: p.submittedAt,
    signatures: p.signatures.map((s) => ({
      office: s.office,
      officeLabel: REVIEWING_OFFICE_LABELS[s.office],
      signedBy: s.signedBy,
      signedAt: s.signedAt,
    })),
  };
}

export function mapFollowUp(i: Inspection): FollowUpInspectionView {
  return {
    id: i.id,
    role: i.role,
    mode: i.mode,
    roundId: i.roundId,
    ownerNode: i.ownerNode,
    conductingNode: i.conductingNode,
    organizationCode: i.organizationCode,
    organizationName: i.organizationName,
    organizationCategory: i.organizationCategory,
    crossOrderId: i.crossOrderId,
    windowStart: i.windowStart,
    windowEnd: i.windowEnd,
    status: i.status,
    refusalReason: i.refusalReason,
    eventId: i.eventId,
    feedbackAt: i.feedbackAt,
    feedbackSummary: i.feedbackSummary,
    handedBackAt: i.handedBackAt,
    handBackNotes: i.handBackNotes,
    createdAt: i.createdAt,
  };
}

/** A progress report with who has signed it and which offices have still to. */
export function mapReviewedReport(p: ProgressReport): ReviewedProgressReportView {
  const awaiting = REVIEWING_OFFICES.filter(
    (office) => !p.signatures.some((s) => s.office === office),
  );
  return {
    ...mapProgressReport(p),
    complete: awaiting.length === 0,
    awaiting: awaiting.map((office) => ({ office, officeLabel: REVIEWING_OFFICE_LABELS[office] })),
  };
}

/** The progress report's deadline on `today`: days left, and the alert level reached. */
export function mapDeadline(
  rectification: Rectification,
  reported: boolean,
  today: string,
): DeadlineView {
  const levels = reported ? [] : alertLevels(rectification.dueOn, today);
  const level = levels[levels.length - 1] ?? null;
  return {
    dueOn: rectification.dueOn,
    months: rectification.policyMonths,
    daysLeft: daysBetween(today, rectification.dueOn),
    progressReported: reported,
    level,
    notify: level ? ALERT_NOTIFY[level] : null,
    label: level ? ALERT_LABELS[level] : null,
  };
}

/** A rectification in the list, with its deadline and counts. */
export function mapRectificationSummary(
  rectification: Rectification,
  counts: RectificationCounts,
  today: string,
): RectificationSummaryView {
  return {
    ...mapRectification(rectification),
    deadline: mapDeadline(rectification, counts.reports > 0, today),
    itemCount: counts.items,
    closedCount: counts.closed,
    progressReportCount: counts.reports,
    supervisionNoteCount: counts.notes,
  };
}

export interface RectificationRecord {
  rectification: Rectification;
  items: RectificationItem[];
  /** The items' files of proof (without their bytes). */
  proofs: RectificationProof[];
  /** In the order submitted. */
  reports: ProgressReport[];
  alerts: RectificationAlert[];
  /** This node's own record of the inspection (conducting or hosted), when it has one. */
  inspection: Inspection | null;
  /** Its supervision notes in order, or null when the caller does not read them. */
  notes: SupervisionNote[] | null;
}

/** A rectification with its lists, reports, alerts, live deadline and who supervises it. */
export function mapRectificationDetail(
  record: RectificationRecord,
  now: Date,
  today: string,
): RectificationDetailView {
  const { rectification, reports, inspection } = record;
  return {
    ...mapRectification(rectification),
    supervisedBy:
      inspection?.role === 'hosted' && inspection.status !== 'handed_back'
        ? inspection.conductingNode
        : 'self',
    deadline: mapDeadline(rectification, reports.length > 0, today),
    items: record.items.map((item) => mapItem(item, record.proofs)),
    progressReports: reports.map(mapReviewedReport),
    alerts: record.alerts.map((a) => ({
      rectificationId: a.rectificationId,
      level: a.level,
      notify: a.notify,
      raisedAt: a.raisedAt,
      label: ALERT_LABELS[a.level],
    })),
    supervisionNotes:
      record.notes?.map((note) => mapSupervisionNote(note, record.items, now, today)) ?? null,
  };
}
