import { Column, Entity, PrimaryColumn } from 'typeorm';

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

/**
 * One problem of the problem list, with its responsibility and tasks; closed only with proof: a
 * text, or files of its own (RectificationProof), or both.
 */
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

  /** The proof in words (销号佐证说明); files of proof are RectificationProof rows. */
  @Column({ type: 'text', nullable: true })
  proof!: string | null;

  @Column({ name: 'closed_by', type: 'text', nullable: true })
  closedBy!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}

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

/** A file of proof for closing an item (销号佐证), kept with its SHA-256 and checked content type. */
@Entity({ name: 'rectification_proof' })
export class RectificationProof {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'rectification_id', type: 'uuid' })
  rectificationId!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

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
