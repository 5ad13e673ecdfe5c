import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import {
  DirectiveAcknowledgedV1,
  DirectiveIssuedV1,
  DirectiveRelayedV1,
  DirectiveReportedV1,
  PolicyBookV1,
} from './directive.v1';
import { AuditHeadV1 } from './audit-head.v1';
import { KeyRevokedV1 } from './key-revoked.v1';
import { NodeRegisteredV1 } from './node-registered.v1';
import { ReceiptRangeV1, ReceiptV1 } from './receipt.v1';
import {
  CoverageReportedV1,
  CrossAccessGrantedV1,
  CrossOrderedV1,
  InspectionEscalatedV1,
  InspectionFeedbackGivenV1,
  InspectionHandedBackV1,
  RoundLinkAcknowledgedV1,
  RoundLinkedV1,
  SecondmentDecidedV1,
  SecondmentRequestedV1,
} from './planning.v1';
import {
  InformationAnsweredV1,
  InformationRequestedV1,
  InformationRequestedV2,
} from './information-request.v1';
import { SecondmentRequestedV2 } from './personnel.v2';
import {
  OversightAccessGrantedV1,
  OversightEngagementAcknowledgedV1,
  OversightAttendanceRecordedV1,
  OversightEngagementClosedV1,
  OversightEngagementOpenedV1,
  OversightRecommendationAnsweredV1,
  OversightReportedV1,
} from './oversight.v1';
import { ProblemsReportedV1 } from './problems.v1';
import { ReferralAcknowledgedV1, ReferralDisposedV1, ReferralMadeV1 } from './referral.v1';
import { SequenceRestartedV1, SyncAnsweredV1, SyncRequestedV1 } from './sync.v1';
import { SpecialReportSubmittedV1 } from './special-report.v1';
import { StatisticsAcceptedV1, StatisticsReturnedV1, StatisticsSubmittedV1 } from './statistics.v1';
import { EvaluationAggregatedV1 } from './evaluation.v1';

/**
 * Which way an event may travel in the tree, checked by every receiver:
 * `down`: the issuer must be a proper ancestor of the receiver;
 * `up`: the issuer must be a proper descendant of the receiver;
 * `any`: any certified node; the handler authorizes it against what this node recorded
 * (receipts; results from a peer's team this node's ancestor ordered; secondments).
 */
export type EventDirection = 'down' | 'up' | 'any';

/**
 * `event`: sequenced, applied in per-(issuer, audience) order and receipted;
 * `receipt`: what a receiver did with an event; `control`: keeps sequences joined up
 * (protocol.md §5.5). Receipts and control messages are unsequenced and never receipted.
 */
export type EventKind = 'event' | 'receipt' | 'control';

export interface EventDefinition {
  type: string;
  direction: EventDirection;
  kind: EventKind;
  payload: new () => object;
  description: string;
}

const definitions: Array<Omit<EventDefinition, 'kind'> & { kind?: EventKind }> = [
  {
    type: SpecialReportSubmittedV1.type,
    direction: 'up',
    payload: SpecialReportSubmittedV1,
    description: 'a special report (专题报告) to an ancestor, resting on the sender’s own findings',
  },
  {
    type: NodeRegisteredV1.type,
    direction: 'up',
    payload: NodeRegisteredV1,
    description: 'a node announces itself to an ancestor',
  },
  {
    type: DirectiveIssuedV1.type,
    direction: 'down',
    payload: DirectiveIssuedV1,
    description: 'a directive to the children or the subtree of the issuer',
  },
  {
    type: DirectiveAcknowledgedV1.type,
    direction: 'up',
    payload: DirectiveAcknowledgedV1,
    description: 'a receiving node acknowledged a directive',
  },
  {
    type: DirectiveRelayedV1.type,
    direction: 'up',
    payload: DirectiveRelayedV1,
    description: 'a receiving node relayed a directive with requirements of its own',
  },
  {
    type: DirectiveReportedV1.type,
    direction: 'up',
    payload: DirectiveReportedV1,
    description: 'a receiving node filed its implementation report',
  },
  {
    type: AuditHeadV1.type,
    direction: 'up',
    payload: AuditHeadV1,
    description: 'a node sends its audit chain head to its parent, the witness',
  },
  {
    type: RoundLinkedV1.type,
    direction: 'down',
    payload: RoundLinkedV1,
    description: 'an ancestor asks for a linked round on the same theme and window (巡视带巡察)',
  },
  {
    type: RoundLinkAcknowledgedV1.type,
    direction: 'up',
    payload: RoundLinkAcknowledgedV1,
    description: 'a child opened its round for the linked round',
  },
  {
    type: InspectionEscalatedV1.type,
    direction: 'down',
    payload: InspectionEscalatedV1,
    description: "an ancestor inspects an organization in the receiver's registry (提级巡察)",
  },
  {
    type: CrossOrderedV1.type,
    direction: 'down',
    payload: CrossOrderedV1,
    description: 'the common ancestor orders a cross inspection (交叉巡察), to both peers',
  },
  {
    type: CrossAccessGrantedV1.type,
    direction: 'any',
    payload: CrossAccessGrantedV1,
    description: 'the inspected peer grants the visiting peer access to the ordered organizations',
  },
  {
    type: InspectionFeedbackGivenV1.type,
    direction: 'any',
    payload: InspectionFeedbackGivenV1,
    description:
      "feedback given: to the owner node (coverage), the ordering node, the linked round's node",
  },
  {
    type: InspectionHandedBackV1.type,
    direction: 'any',
    payload: InspectionHandedBackV1,
    description: "rectification supervision handed back to the organization's own node",
  },
  {
    type: CoverageReportedV1.type,
    direction: 'up',
    payload: CoverageReportedV1,
    description: "a node's own and subtree coverage, to its parent (全覆盖)",
  },
  {
    type: SecondmentRequestedV1.type,
    direction: 'any',
    payload: SecondmentRequestedV1,
    description: 'a node asks an ancestor or descendant to lend a person (上挂下派)',
  },
  {
    type: SecondmentRequestedV2.type,
    direction: 'any',
    payload: SecondmentRequestedV2,
    description:
      'a node asks an ancestor or descendant to lend a person it describes (or names), 上挂下派',
  },
  {
    type: SecondmentDecidedV1.type,
    direction: 'any',
    payload: SecondmentDecidedV1,
    description: 'the owning node approves (with the person) or declines a secondment',
  },
  {
    type: ReferralMadeV1.type,
    direction: 'any',
    payload: ReferralMadeV1,
    description: 'a referral (移交) to a body of the node with jurisdiction, content sealed to it',
  },
  {
    type: ReferralAcknowledgedV1.type,
    direction: 'any',
    payload: ReferralAcknowledgedV1,
    description: 'the receiving node acknowledged a referral',
  },
  {
    type: ReferralDisposedV1.type,
    direction: 'any',
    payload: ReferralDisposedV1,
    description: 'the receiving body reports the disposition (处置) of a referral',
  },
  {
    type: InformationRequestedV1.type,
    direction: 'any',
    payload: InformationRequestedV1,
    description:
      'an information or support request to a body of a node on the sender’s line (巡前信息沟通, 巡中监督手段支持)',
  },
  {
    type: InformationRequestedV2.type,
    direction: 'any',
    payload: InformationRequestedV2,
    description:
      'the same request with its subject and details sealed to the asked body (sent since v2; v1 still accepted)',
  },
  {
    type: InformationAnsweredV1.type,
    direction: 'any',
    payload: InformationAnsweredV1,
    description: 'the asked body’s answer, sealed to the requesting node’s inspection office',
  },
  {
    type: OversightEngagementOpenedV1.type,
    direction: 'down',
    payload: OversightEngagementOpenedV1,
    description:
      "an ancestor opens an oversight engagement (指导督导) over the receiver's inspection work",
  },
  {
    type: OversightEngagementAcknowledgedV1.type,
    direction: 'up',
    payload: OversightEngagementAcknowledgedV1,
    description: 'the overseen node acknowledged an oversight engagement',
  },
  {
    type: OversightAccessGrantedV1.type,
    direction: 'up',
    payload: OversightAccessGrantedV1,
    description:
      'the overseen node grants the overseeing node read access to checklist areas, for the window',
  },
  {
    type: OversightAttendanceRecordedV1.type,
    direction: 'down',
    payload: OversightAttendanceRecordedV1,
    description:
      'who attended a training engagement (以干代训), for the overseen node’s own record',
  },
  {
    type: OversightEngagementClosedV1.type,
    direction: 'down',
    payload: OversightEngagementClosedV1,
    description:
      'the overseeing node closes an engagement with its assessment and recommendations (督导意见)',
  },
  {
    type: OversightRecommendationAnsweredV1.type,
    direction: 'up',
    payload: OversightRecommendationAnsweredV1,
    description: 'the overseen node answers one oversight recommendation with what it changed',
  },
  {
    type: OversightReportedV1.type,
    direction: 'up',
    payload: OversightReportedV1,
    description: "a node's own and subtree oversight engagement figures, to its parent",
  },
  {
    type: ProblemsReportedV1.type,
    direction: 'up',
    payload: ProblemsReportedV1,
    description:
      "a node's signed findings counted by problem category (举一反三), own and subtree, to its parent",
  },
  {
    type: StatisticsSubmittedV1.type,
    direction: 'up',
    payload: StatisticsSubmittedV1,
    description:
      'a node submits a version of its annual statistics (年度统计), own and subtree, to its parent',
  },
  {
    type: StatisticsAcceptedV1.type,
    direction: 'down',
    payload: StatisticsAcceptedV1,
    description: "the parent accepts a version of the child's annual statistics (审核通过)",
  },
  {
    type: StatisticsReturnedV1.type,
    direction: 'down',
    payload: StatisticsReturnedV1,
    description:
      "the parent returns a version of the child's annual statistics with a reason (退回)",
  },
  {
    type: EvaluationAggregatedV1.type,
    direction: 'any',
    payload: EvaluationAggregatedV1,
    description:
      "the inspected organization's node sends a team's post-evaluation aggregate (后评估) to the conducting node",
  },
  {
    type: KeyRevokedV1.type,
    direction: 'any',
    payload: KeyRevokedV1,
    description: 'a key revocation: from the revoking parent to central, from central to everyone',
  },
  {
    type: PolicyBookV1.type,
    direction: 'down',
    payload: PolicyBookV1,
    description:
      'the policy versions in force, from a parent to a child that missed their directives',
  },
  {
    type: ReceiptV1.type,
    direction: 'any',
    kind: 'receipt',
    payload: ReceiptV1,
    description: 'what a receiver did with an envelope',
  },
  {
    type: ReceiptRangeV1.type,
    direction: 'any',
    kind: 'receipt',
    payload: ReceiptRangeV1,
    description:
      'what a receiver did with a run of consecutive events of one sequence (protocol 1.1)',
  },
  {
    type: SyncRequestedV1.type,
    direction: 'any',
    kind: 'control',
    payload: SyncRequestedV1,
    description: 'a node says where it stands in the sequences the addressee delivers to it',
  },
  {
    type: SyncAnsweredV1.type,
    direction: 'any',
    kind: 'control',
    payload: SyncAnsweredV1,
    description: 'where a sequence continues for a node the deliverer cannot re-send its start to',
  },
  {
    type: SequenceRestartedV1.type,
    direction: 'any',
    kind: 'control',
    payload: SequenceRestartedV1,
    description:
      "the issuer's counter for this audience went back; the sequence continues after `after`",
  },
];

export const EVENT_CATALOGUE: ReadonlyMap<string, EventDefinition> = new Map(
  definitions.map((definition) => [
    definition.type,
    { ...definition, kind: definition.kind ?? 'event' },
  ]),
);

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** Problems with a payload for its event type, one message per bad field. */
export function payloadProblems(type: string, payload: unknown): string[] {
  const definition = EVENT_CATALOGUE.get(type);
  if (!definition) return [`type: ${type} is not in the event catalogue`];
  const instance = plainToInstance(definition.payload, payload);
  return flatten(
    validateSync(instance, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
    }),
  );
}
