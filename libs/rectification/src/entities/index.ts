import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Body, ReferralKind, SealedBox, Tier } from '@liandong/protocol';

export const FINDING_STATUSES = ['drafted', 'checked', 'signed', 'withdrawn'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** 问题底稿: a problem the team found, with facts, evidence and its normative basis. */
@Entity({ name: 'finding' })
export class Finding {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'inspection_id', type: 'uuid' })
  inspectionId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  facts!: string;

  /** 定性依据: the rule the finding is judged by. */
  @Column({ type: 'text', nullable: true })
  basis!: string | null;

  /**
   * drafted (by a member) → checked (by the deputy leader) → signed (by the leader); the
   * leader may return a checked or signed finding to drafted (while no finalized report holds
   * it); the inspection office may withdraw it from the report (withdrawn, for good).
   */
  @Column({ type: 'text' })
  status!: FindingStatus;

  @Column({ name: 'drafted_by', type: 'text' })
  draftedBy!: string;

  @Column({ name: 'checked_by', type: 'text', nullable: true })
  checkedBy!: string | null;

  @Column({ name: 'signed_by', type: 'text', nullable: true })
  signedBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Why, by whom and when the leader last returned it to draft (退回修改). */
  @Column({ name: 'returned_reason', type: 'text', nullable: true })
  returnedReason!: string | null;

  @Column({ name: 'returned_by', type: 'text', nullable: true })
  returnedBy!: string | null;

  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true })
  returnedAt!: Date | null;

  /** Why, by whom and when the inspection office withdrew it from the report (撤回). */
  @Column({ name: 'withdrawn_reason', type: 'text', nullable: true })
  withdrawnReason!: string | null;

  @Column({ name: 'withdrawn_by', type: 'text', nullable: true })
  withdrawnBy!: string | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;
}

/** An evidence file of a finding, kept with its SHA-256 and checked content type. */
@Entity({ name: 'evidence' })
export class Evidence {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'finding_id', type: 'uuid' })
  findingId!: string;

  @Column({ type: 'text' })
  filename!: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  @Column({ type: 'integer' })
  size!: number;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'bytea', select: false })
  data!: Buffer;

  @Column({ name: 'uploaded_by', type: 'text' })
  uploadedBy!: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;
}

export interface ReportedFinding {
  findingId: string;
  title: string;
  facts: string;
  basis: string;
  evidence: Array<{ id: string; filename: string; sha256: string; size: number }>;
  signedBy: string;
}

/** 巡视报告: one finalized version; never changed (the database refuses), only superseded. */
@Entity({ name: 'inspection_report' })
export class InspectionReport {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'inspection_id', type: 'uuid' })
  inspectionId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'jsonb' })
  findings!: ReportedFinding[];

  /** Why this version corrects the one before (required from version 2). */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'finalized_by', type: 'text' })
  finalizedBy!: string;

  @Column({ name: 'finalized_at', type: 'timestamptz' })
  finalizedAt!: Date;
}

/** The leading group's decision on a report version. */
@Entity({ name: 'report_decision' })
export class ReportDecision {
  @PrimaryColumn({ name: 'report_id', type: 'uuid' })
  reportId!: string;

  @Column({ type: 'text' })
  decision!: string;

  @Column({ name: 'decided_by', type: 'text' })
  decidedBy!: string;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}

/** 移交: as the sending node, the receiving node, or both (a referral to its own bodies). */
@Entity({ name: 'referral' })
export class Referral {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'from_node', type: 'text' })
  fromNode!: string;

  @Column({ name: 'target_node', type: 'text' })
  targetNode!: string;

  @Column({ type: 'text' })
  kind!: ReferralKind;

  @Column({ type: 'text', nullable: true })
  body!: Body | null;

  @Column({ type: 'jsonb', nullable: true })
  sealed!: SealedBox | null;

  @Column({ type: 'jsonb', nullable: true })
  recommendation!: { department: string; text: string } | null;

  @Column({ name: 'cadre_tier', type: 'text', nullable: true })
  cadreTier!: Tier | null;

  @Column({ name: 'inspection_id', type: 'uuid' })
  inspectionId!: string;

  @Column({ name: 'finding_id', type: 'uuid' })
  findingId!: string;

  @Column({ name: 'organization_name', type: 'text' })
  organizationName!: string;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt!: Date;

  @Column({ name: 'acknowledge_by', type: 'timestamptz' })
  acknowledgeBy!: Date;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'text', nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: 'disposed_at', type: 'timestamptz', nullable: true })
  disposedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  disposition!: string | null;
}

/** 整改: the inspected organization's rectification of one inspection's feedback. */
@Entity({ name: 'rectification' })
export class Rectification {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'inspection_id', type: 'uuid', unique: true })
  inspectionId!: string;

  @Column({ name: 'organization_code', type: 'text' })
  organizationCode!: string;

  @Column({ name: 'organization_name', type: 'text' })
  organizationName!: string;

  @Column({ name: 'conducting_node', type: 'text' })
  conductingNode!: string;

  @Column({ type: 'text' })
  mode!: string;

  @Column({ name: 'feedback_at', type: 'timestamptz' })
  feedbackAt!: Date;

  /** The progress report is due on this day (China Standard Time), by the rule of the feedback day. */
  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ name: 'policy_months', type: 'integer' })
  policyMonths!: number;

  @Column({ name: 'policy_set_by', type: 'text', nullable: true })
  policySetBy!: string | null;

  @Column({ name: 'disclosure_text', type: 'text', nullable: true })
  disclosureText!: string | null;

  @Column({ name: 'disclosed_on', type: 'date', nullable: true })
  disclosedOn!: string | null;

  @Column({ name: 'follow_up_inspection_id', type: 'uuid', nullable: true })
  followUpInspectionId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One problem of the problem list, with its responsibility and tasks; closed only with proof. */
@Entity({ name: 'rectification_item' })
export class RectificationItem {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'rectification_id', type: 'uuid' })
  rectificationId!: string;

  @Column({ name: 'finding_id', type: 'uuid' })
  findingId!: string;

  @Column({ type: 'text' })
  problem!: string;

  @Column({ type: 'text' })
  basis!: string;

  /** 责任清单: who answers for it, and the unit head above them. */
  @Column({ name: 'responsible_person', type: 'text', nullable: true })
  responsiblePerson!: string | null;

  @Column({ name: 'unit_head', type: 'text', nullable: true })
  unitHead!: string | null;

  /** 任务清单. */
  @Column({ type: 'jsonb' })
  tasks!: string[];

  @Column({ type: 'text' })
  status!: 'open' | 'closed';

  @Column({ type: 'text', nullable: true })
  proof!: string | null;

  @Column({ name: 'closed_by', type: 'text', nullable: true })
  closedBy!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}

/** 整改进展情况报告, signed by the supervision office, the organization department and the inspection office. */
@Entity({ name: 'progress_report' })
export class ProgressReport {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'rectification_id', type: 'uuid' })
  rectificationId!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'submitted_by', type: 'text' })
  submittedBy!: string;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ type: 'jsonb' })
  signatures!: Array<{ office: ReviewingOffice; signedBy: string; signedAt: string }>;
}

export const REVIEWING_OFFICES = [
  'supervision_office',
  'organization_department',
  'inspection_office',
] as const;
export type ReviewingOffice = (typeof REVIEWING_OFFICES)[number];

/** An alert raised once per level, to the person the level escalates to. */
@Entity({ name: 'rectification_alert' })
export class RectificationAlert {
  @PrimaryColumn({ name: 'rectification_id', type: 'uuid' })
  rectificationId!: string;

  @PrimaryColumn({ type: 'text' })
  level!: 'days_20' | 'days_10' | 'overdue';

  @Column({ type: 'text' })
  notify!: string;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;
}

export const RECTIFICATION_ENTITIES = [
  Finding,
  Evidence,
  InspectionReport,
  ReportDecision,
  Referral,
  Rectification,
  RectificationItem,
  ProgressReport,
  RectificationAlert,
];
