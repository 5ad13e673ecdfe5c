import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EvaluationItemAggregateV1, InspectionMode } from '@liandong/protocol';
import type { Choices } from '../questionnaire';

export type EvaluationRoundState = 'open' | 'closed';

/**
 * 后评估 round: the questionnaire on the team's discipline and conduct, opened by the office of
 * the inspected organization's node after feedback, one per inspection. The aggregate exists
 * only once it is closed, and only with at least MIN_ANSWERS answers.
 */
@Entity({ name: 'evaluation_round' })
export class EvaluationRound {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'inspection_id', type: 'uuid' })
  inspectionId!: string;

  @Column({ type: 'text' })
  mode!: InspectionMode;

  @Column({ name: 'conducting_node', type: 'text' })
  conductingNode!: string;

  @Column({ name: 'organization_code', type: 'text' })
  organizationCode!: string;

  @Column({ name: 'organization_name', type: 'text' })
  organizationName!: string;

  @Column({ name: 'feedback_at', type: 'timestamptz' })
  feedbackAt!: Date;

  @Column({ name: 'questionnaire_version', type: 'integer' })
  questionnaireVersion!: number;

  @Column({ name: 'codes_issued', type: 'integer' })
  codesIssued!: number;

  @Column({ type: 'text' })
  state!: EvaluationRoundState;

  @Column({ name: 'opened_by', type: 'text' })
  openedBy!: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'closed_by', type: 'text', nullable: true })
  closedBy!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** How many answers came in, counted at closing. */
  @Column({ type: 'integer', nullable: true })
  answers!: number | null;

  /** Per item, counted at closing; null while open and when under the minimum. */
  @Column({ type: 'jsonb', nullable: true })
  aggregate!: EvaluationItemAggregateV1[] | null;

  /** The free-text comments, in no order; null while open and when under the minimum. */
  @Column({ type: 'jsonb', nullable: true })
  comments!: string[] | null;

  /** The conducting node the aggregate was sent to; null when it is this node or none went. */
  @Column({ name: 'sent_to', type: 'text', nullable: true })
  sentTo!: string | null;
}

/**
 * One answer code, as a hash only (SHA-256 of the code): the code itself is shown once, when
 * the round is opened, and never stored. Nothing ties a code to an answer.
 */
@Entity({ name: 'evaluation_code' })
export class EvaluationCode {
  @PrimaryColumn({ name: 'code_hash', type: 'text' })
  codeHash!: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  @Column({ type: 'boolean' })
  used!: boolean;
}

/**
 * One answer: its choices and comment, the round and the day — no code, no user, no time
 * finer than the day. Its id is random (UUID v4), and answers are read in the order of their
 * ids, which is no order at all.
 */
@Entity({ name: 'evaluation_answer' })
export class EvaluationAnswer {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  @Column({ name: 'answered_on', type: 'date' })
  answeredOn!: string;

  @Column({ type: 'jsonb' })
  choices!: Choices;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;
}

/** An aggregate received for an inspection this node conducted (or closed here for its own). */
@Entity({ name: 'received_evaluation' })
export class ReceivedEvaluation {
  @PrimaryColumn({ name: 'inspection_id', type: 'uuid' })
  inspectionId!: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  /** The node that hosts the inspected organization (this node for its own inspections). */
  @Column({ name: 'from_node', type: 'text' })
  fromNode!: string;

  @Column({ type: 'text' })
  mode!: InspectionMode;

  @Column({ name: 'organization_name', type: 'text' })
  organizationName!: string;

  @Column({ name: 'feedback_at', type: 'timestamptz' })
  feedbackAt!: Date;

  /** The team's leader (the pool's person), by whom a team's record is kept. */
  @Column({ name: 'leader_id', type: 'uuid', nullable: true })
  leaderId!: string | null;

  @Column({ name: 'leader_name', type: 'text', nullable: true })
  leaderName!: string | null;

  @Column({ name: 'questionnaire_version', type: 'integer' })
  questionnaireVersion!: number;

  @Column({ name: 'codes_issued', type: 'integer' })
  codesIssued!: number;

  @Column({ type: 'integer' })
  answers!: number;

  @Column({ name: 'closed_on', type: 'date' })
  closedOn!: string;

  @Column({ type: 'jsonb' })
  items!: EvaluationItemAggregateV1[];

  @Column({ type: 'jsonb' })
  comments!: string[];

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
