import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  CoverageFiguresV1,
  InspectionMode,
  NodeCoverageV1,
  OversightFiguresV1,
  PostV1,
  RelationV1,
  RoundType,
  SourceBody,
} from '@liandong/protocol';

/** 届: the five-year period within which every organization in the registry must be inspected. */
@Entity({ name: 'term' })
export class Term {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn!: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** 轮次: this node's own round, or one it opened for an ancestor's linked round. */
@Entity({ name: 'round' })
export class Round {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  type!: RoundType;

  @Column({ type: 'text' })
  theme!: string;

  @Column({ name: 'window_start', type: 'date' })
  windowStart!: string;

  @Column({ name: 'window_end', type: 'date' })
  windowEnd!: string;

  @Column({ name: 'parent_round_id', type: 'uuid', nullable: true })
  parentRoundId!: string | null;

  @Column({ name: 'parent_node', type: 'text', nullable: true })
  parentNode!: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A child asked to open a linked round for one of this node's rounds. */
@Entity({ name: 'round_link' })
export class RoundLink {
  @PrimaryColumn({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  @PrimaryColumn({ name: 'child_node', type: 'text' })
  childNode!: string;

  @Column({ name: 'child_round_id', type: 'uuid', nullable: true })
  childRoundId!: string | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;
}

/**
 * Where this node stands to an inspection: it conducts it; it owns the inspected
 * organization while another node conducts it (hosted); or it was told of the result as
 * the ordering node or the node of the linked round (reported).
 */
export type InspectionRole = 'conducting' | 'hosted' | 'reported';
export type InspectionStatus =
  'planned' | 'requested' | 'refused' | 'feedback_given' | 'handed_back';

@Entity({ name: 'inspection' })
export class Inspection {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  role!: InspectionRole;

  @Column({ type: 'text' })
  mode!: InspectionMode;

  /** This node's round (conducting), or the round the result was reported under. */
  @Column({ name: 'round_id', type: 'uuid', nullable: true })
  roundId!: string | null;

  @Column({ name: 'owner_node', type: 'text' })
  ownerNode!: string;

  @Column({ name: 'conducting_node', type: 'text' })
  conductingNode!: string;

  @Column({ name: 'organization_code', type: 'text' })
  organizationCode!: string;

  @Column({ name: 'organization_name', type: 'text' })
  organizationName!: string;

  @Column({ name: 'organization_category', type: 'text' })
  organizationCategory!: string;

  @Column({ name: 'cross_order_id', type: 'uuid', nullable: true })
  crossOrderId!: string | null;

  @Column({ name: 'window_start', type: 'date' })
  windowStart!: string;

  @Column({ name: 'window_end', type: 'date' })
  windowEnd!: string;

  @Column({ type: 'text' })
  status!: InspectionStatus;

  @Column({ name: 'refusal_reason', type: 'text', nullable: true })
  refusalReason!: string | null;

  /** The envelope that asked the owner node (escalation); its receipt says accepted or refused. */
  @Column({ name: 'event_id', type: 'uuid', nullable: true })
  eventId!: string | null;

  @Column({ name: 'feedback_at', type: 'timestamptz', nullable: true })
  feedbackAt!: Date | null;

  @Column({ name: 'feedback_summary', type: 'text', nullable: true })
  feedbackSummary!: string | null;

  @Column({ name: 'handed_back_at', type: 'timestamptz', nullable: true })
  handedBackAt!: Date | null;

  @Column({ name: 'hand_back_notes', type: 'text', nullable: true })
  handBackNotes!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** An inspection counted for coverage of an organization in this node's registry. */
@Entity({ name: 'coverage_credit' })
export class CoverageCredit {
  @PrimaryColumn({ name: 'inspection_id', type: 'uuid' })
  inspectionId!: string;

  @Column({ name: 'organization_code', type: 'text' })
  organizationCode!: string;

  @Column({ type: 'text' })
  mode!: InspectionMode;

  @Column({ name: 'conducted_by', type: 'text' })
  conductedBy!: string;

  @Column({ name: 'feedback_at', type: 'timestamptz' })
  feedbackAt!: Date;
}

/** A child's latest coverage report (its own and its subtree's figures). */
@Entity({ name: 'child_coverage' })
export class ChildCoverage {
  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'term_starts_on', type: 'date', nullable: true })
  termStartsOn!: string | null;

  @Column({ name: 'term_ends_on', type: 'date', nullable: true })
  termEndsOn!: string | null;

  @Column({ type: 'jsonb' })
  own!: CoverageFiguresV1;

  @Column({ type: 'jsonb' })
  subtree!: CoverageFiguresV1;

  @Column({ type: 'jsonb' })
  children!: NodeCoverageV1[];

  @Column({ name: 'own_oversight', type: 'jsonb', nullable: true })
  ownOversight!: OversightFiguresV1 | null;

  @Column({ name: 'subtree_oversight', type: 'jsonb', nullable: true })
  subtreeOversight!: OversightFiguresV1 | null;

  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf!: Date;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;
}

/** One assignment of a cross inspection, as the ordering, visiting or inspected node holds it. */
export type CrossRole = 'ordering' | 'visiting' | 'inspected';

@Entity({ name: 'cross_order' })
export class CrossOrder {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  role!: CrossRole;

  /** The ordering node's round. */
  @Column({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  /** The visiting node's own round for it (opened on receipt of the order). */
  @Column({ name: 'local_round_id', type: 'uuid', nullable: true })
  localRoundId!: string | null;

  @Column({ name: 'ordering_node', type: 'text' })
  orderingNode!: string;

  @Column({ name: 'visiting_node', type: 'text' })
  visitingNode!: string;

  @Column({ name: 'inspected_node', type: 'text' })
  inspectedNode!: string;

  @Column({ name: 'organization_codes', type: 'text', array: true })
  organizationCodes!: string[];

  @Column({ name: 'window_start', type: 'date' })
  windowStart!: string;

  @Column({ name: 'window_end', type: 'date' })
  windowEnd!: string;

  /** The envelopes that carried the order (ordering node): a refusal of either refuses it. */
  @Column({ name: 'event_ids', type: 'uuid', array: true })
  eventIds!: string[];

  @Column({ type: 'text' })
  status!: 'ordered' | 'granted' | 'refused';

  @Column({ name: 'refusal_reason', type: 'text', nullable: true })
  refusalReason!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** 干部人才库: a person this node may put on a team — its own, or seconded to it. */
@Entity({ name: 'person' })
export class Person {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'source_body', type: 'text' })
  sourceBody!: SourceBody;

  /** The jurisdiction the person comes from (division code). */
  @Column({ name: 'home_jurisdiction', type: 'text' })
  homeJurisdiction!: string;

  @Column({ name: 'home_unit_code', type: 'text', nullable: true })
  homeUnitCode!: string | null;

  @Column({ name: 'home_unit_name', type: 'text' })
  homeUnitName!: string;

  /** This node's user account of the person, if any: how a team member signs in to act. */
  @Column({ type: 'text', nullable: true })
  username!: string | null;

  @Column({ type: 'jsonb' })
  posts!: PostV1[];

  @Column({ type: 'jsonb' })
  relations!: RelationV1[];

  /** Set for a person seconded here: the lending node and the secondment's dates. */
  @Column({ name: 'lent_by', type: 'text', nullable: true })
  lentBy!: string | null;

  @Column({ name: 'secondment_id', type: 'uuid', nullable: true })
  secondmentId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** 上挂下派: a request to borrow a person, as the borrowing or the lending node holds it. */
@Entity({ name: 'secondment' })
export class Secondment {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  role!: 'borrowing' | 'lending';

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'borrowing_node', type: 'text' })
  borrowingNode!: string;

  @Column({ name: 'lending_node', type: 'text' })
  lendingNode!: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn!: string;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ type: 'text' })
  status!: 'requested' | 'approved' | 'declined';

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}

/** 巡视组: a leader and members for one inspection. */
@Entity({ name: 'team_member' })
export class TeamMember {
  @PrimaryColumn({ name: 'inspection_id', type: 'uuid' })
  inspectionId!: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ type: 'text' })
  role!: 'leader' | 'deputy_leader' | 'member';
}
