import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How the supervision office supervised (日常监督方式): a closed list, labelled in labels.ts. */
export const SUPERVISION_METHODS = [
  'talk',
  'admonition',
  'spot_check',
  'sitting_in',
  'records_review',
  'briefing',
  'other',
] as const;
export type SupervisionMethod = (typeof SUPERVISION_METHODS)[number];

/**
 * 日常监督记录: what the discipline body's supervision office did to supervise a
 * rectification after feedback (整改日常监督), on which day, about which of its items, and
 * the urging (督促事项) it asked, due by a day, until it is marked done. Kept as recorded: only
 * the urging's outcome is added, once.
 */
@Entity({ name: 'supervision_note' })
export class SupervisionNote {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'rectification_id', type: 'uuid' })
  rectificationId!: string;

  @Column({ type: 'text' })
  method!: SupervisionMethod;

  /** The day it was done (a calendar day in Beijing), not after the day it is recorded. */
  @Column({ name: 'supervised_on', type: 'date' })
  supervisedOn!: string;

  @Column({ type: 'text' })
  content!: string;

  /** The items of the problem list it concerns (none: the rectification as a whole). */
  @Column({ name: 'item_ids', type: 'jsonb' })
  itemIds!: string[];

  /** 督促事项: what the organization is urged to do, by `urgingDueOn`; null when nothing is asked. */
  @Column({ type: 'text', nullable: true })
  urging!: string | null;

  @Column({ name: 'urging_due_on', type: 'date', nullable: true })
  urgingDueOn!: string | null;

  /** What was done about the urging (督促落实情况), when the supervision office marked it done. */
  @Column({ name: 'urging_outcome', type: 'text', nullable: true })
  urgingOutcome!: string | null;

  @Column({ name: 'urging_done_by', type: 'text', nullable: true })
  urgingDoneBy!: string | null;

  @Column({ name: 'urging_done_at', type: 'timestamptz', nullable: true })
  urgingDoneAt!: Date | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
