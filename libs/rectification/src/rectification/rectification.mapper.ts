import type { Inspection } from '@liandong/planning';
import {
  FollowUpInspectionView,
  ProgressReportView,
  RectificationDetailView,
  RectificationItemView,
  RectificationView,
} from '../dto/rectification.views';
import {
  ProgressReport,
  Rectification,
  RectificationAlert,
  RectificationItem,
  REVIEWING_OFFICES,
} from '../entities';
import { ALERT_LABELS, ALERT_NOTIFY, alertLevels, daysBetween } from './deadline';

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

export function mapItem(i: RectificationItem): RectificationItemView {
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
    proof: i.proof,
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

export interface RectificationRecord {
  rectification: Rectification;
  items: RectificationItem[];
  /** In the order submitted. */
  reports: ProgressReport[];
  alerts: RectificationAlert[];
  /** This node's own record of the inspection (conducting or hosted), when it has one. */
  inspection: Inspection | null;
}

/** A rectification with its lists, reports, alerts, live deadline and who supervises it. */
export function mapRectificationDetail(
  record: RectificationRecord,
  today: string,
): RectificationDetailView {
  const { rectification, reports, inspection } = record;
  const reported = reports.length > 0;
  const levels = reported ? [] : alertLevels(rectification.dueOn, today);
  const level = levels[levels.length - 1] ?? null;
  return {
    ...mapRectification(rectification),
    supervisedBy:
      inspection?.role === 'hosted' && inspection.status !== 'handed_back'
        ? inspection.conductingNode
        : 'self',
    deadline: {
      dueOn: rectification.dueOn,
      months: rectification.policyMonths,
      daysLeft: daysBetween(today, rectification.dueOn),
      progressReported: reported,
      level,
      notify: level ? ALERT_NOTIFY[level] : null,
      label: level ? ALERT_LABELS[level] : null,
    },
    items: record.items.map(mapItem),
    progressReports: reports.map((p) => ({
      ...mapProgressReport(p),
      complete: REVIEWING_OFFICES.every((office) => p.signatures.some((s) => s.office === office)),
    })),
    alerts: record.alerts.map((a) => ({
      rectificationId: a.rectificationId,
      level: a.level,
      notify: a.notify,
      raisedAt: a.raisedAt,
      label: ALERT_LABELS[a.level],
    })),
  };
}
