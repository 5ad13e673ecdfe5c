import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { INSPECTION_MODES, ROUND_TYPES, SOURCE_BODIES } from '@liandong/protocol';
import type { InspectionMode, RoundType, SourceBody } from '@liandong/protocol';
import { CATEGORY_CODES } from '../categories';
import type { InspectionRole, InspectionStatus } from '../entities';

/**
 * What the planning routes answer, member by member: the OpenAPI contract a client is
 * generated from. Controllers map entities to these explicitly (no spreading of rows).
 */

/** A calendar day in China Standard Time, YYYY-MM-DD. */
const day = (extra: ApiPropertyOptions = {}): ApiPropertyOptions =>
  ({ type: String, format: 'date', example: '2026-12-01', ...extra }) as ApiPropertyOptions;
/** An instant, written in Beijing time by the API. */
const instant = (extra: ApiPropertyOptions = {}): ApiPropertyOptions =>
  ({
    type: String,
    format: 'date-time',
    example: '2026-12-01T09:30:00.000+08:00',
    ...extra,
  }) as ApiPropertyOptions;
const nullableText = (extra: ApiPropertyOptions = {}): ApiPropertyOptions =>
  ({ type: String, nullable: true, ...extra }) as ApiPropertyOptions;
const NODE_EXAMPLE = { example: '130121' };

// ── terms and coverage ────────────────────────────────────────────────────────────────────

export class TermView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '第十一届' }) name!: string;
  @ApiProperty(day()) startsOn!: string;
  @ApiProperty(day({ example: '2031-01-01' })) endsOn!: string;
  @ApiProperty({ example: 'user:office' }) createdBy!: string;
  @ApiProperty(instant()) createdAt!: string;
}

export class TermSpanView {
  @ApiProperty(day()) startsOn!: string;
  @ApiProperty(day({ example: '2031-01-01' })) endsOn!: string;
}

/** A child's term as it reported it. */
export class ReportedTermView {
  @ApiProperty(day()) startsOn!: string;
  @ApiProperty(day({ example: '2031-01-01', nullable: true })) endsOn!: string | null;
}

export class CategoryFiguresView {
  @ApiProperty({ enum: CATEGORY_CODES, example: 'village' }) category!: string;
  @ApiProperty({ example: '村' }) label!: string;
  @ApiProperty() organizations!: number;
  @ApiProperty() covered!: number;
  @ApiProperty() remaining!: number;
}

/** Coverage (全覆盖) of a registry, or of a subtree, this term. */
export class FiguresView {
  @ApiProperty({ description: 'organizations in the registry' }) organizations!: number;
  @ApiProperty({ description: 'covered this term, whichever mode' }) covered!: number;
  @ApiProperty({ description: 'covered by an own inspection (本级巡察)' }) coveredOwn!: number;
  @ApiProperty({ description: 'covered by an escalated inspection (提级巡察)' })
  coveredEscalated!: number;
  @ApiProperty({ description: 'covered by a cross inspection (交叉巡察)' }) coveredCross!: number;
  @ApiProperty() remaining!: number;
  @ApiProperty({ description: 'covered share in percent, one decimal', example: 62.5 })
  rate!: number;
  @ApiProperty({ type: [CategoryFiguresView] }) byCategory!: CategoryFiguresView[];
}

export class ForecastView {
  @ApiProperty({ enum: ['no_term', 'complete', 'on_track', 'behind'] })
  status!: 'no_term' | 'complete' | 'on_track' | 'behind';
  @ApiProperty({ example: '按当前进度可在届内完成全覆盖' }) label!: string;
  @ApiProperty({ description: 'organizations covered per year so far this term' })
  pacePerYear!: number;
  @ApiProperty({ description: 'covered at the end of the term if the pace holds' })
  projectedAtTermEnd!: number;
  @ApiProperty({ description: 'organizations a year needed from today to finish in the term' })
  neededPerYear!: number;
}

export class OwnFiguresView extends FiguresView {
  @ApiProperty({ type: ForecastView }) forecast!: ForecastView;
}

/** Rectification and referral figures (整改与移交). */
export class OversightView {
  @ApiProperty() rectifications!: number;
  @ApiProperty() rectificationsOverdue!: number;
  @ApiProperty() items!: number;
  @ApiProperty() itemsClosed!: number;
  @ApiProperty() referralsSent!: number;
  @ApiProperty() referralsOpen!: number;
  @ApiProperty() referralsOverdue!: number;
  @ApiProperty() referralsDisposed!: number;
}

export class GrandchildCoverageView {
  @ApiProperty(NODE_EXAMPLE) nodeId!: string;
  @ApiProperty({ example: '井陉县' }) name!: string;
  @ApiProperty({ type: FiguresView }) subtree!: FiguresView;
}

/** A child's coverage as it last reported it. */
export class ChildCoverageView {
  @ApiProperty({ example: '130100' }) nodeId!: string;
  @ApiProperty({ example: '石家庄市' }) name!: string;
  @ApiProperty(instant()) asOf!: string;
  @ApiProperty({ type: ReportedTermView, nullable: true }) term!: ReportedTermView | null;
  @ApiProperty({ type: FiguresView }) own!: FiguresView;
  @ApiProperty({ type: FiguresView }) subtree!: FiguresView;
  @ApiProperty({ type: OversightView, nullable: true }) ownOversight!: OversightView | null;
  @ApiProperty({ type: OversightView, nullable: true }) subtreeOversight!: OversightView | null;
  @ApiProperty({ type: [GrandchildCoverageView] }) children!: GrandchildCoverageView[];
}

export class CoverageView {
  @ApiProperty(instant()) asOf!: string;
  @ApiProperty({ type: TermSpanView, nullable: true, description: 'the term in force' })
  term!: TermSpanView | null;
  @ApiProperty({ type: OwnFiguresView, description: 'this registry, with a forecast' })
  own!: OwnFiguresView;
  @ApiProperty({ type: FiguresView, description: 'this node and everything below it' })
  subtree!: FiguresView;
  @ApiProperty({ type: OversightView }) ownOversight!: OversightView;
  @ApiProperty({ type: OversightView }) subtreeOversight!: OversightView;
  @ApiProperty({ type: [ChildCoverageView] }) children!: ChildCoverageView[];
}

export class CoverageOrganizationView {
  @ApiProperty({ example: '130121-001' }) code!: string;
  @ApiProperty({ example: '井陉县党委办公室' }) name!: string;
  @ApiProperty({ enum: CATEGORY_CODES }) category!: string;
  @ApiProperty({ example: '党政机关部门' }) categoryLabel!: string;
  @ApiProperty({ description: 'inspected (feedback given) this term' }) covered!: boolean;
  @ApiProperty({ enum: INSPECTION_MODES, type: String, nullable: true })
  mode!: string | null;
  @ApiProperty(nullableText({ example: '本级巡察' })) modeLabel!: string | null;
  @ApiProperty(day({ nullable: true })) feedbackOn!: string | null;
  @ApiProperty(nullableText({ ...NODE_EXAMPLE, description: 'the node whose team inspected it' }))
  conductedBy!: string | null;
  @ApiProperty(
    nullableText({
      example: '提级巡察：由石家庄市（130100）实施',
      description: 'an open escalated or cross inspection of it by another node',
    }),
  )
  note!: string | null;
}

// ── rounds and inspections ────────────────────────────────────────────────────────────────

export class RoundView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ROUND_TYPES }) type!: RoundType;
  @ApiProperty({ example: '常规巡察' }) typeLabel!: string;
  @ApiProperty({ example: '乡村振兴领域专项巡察' }) theme!: string;
  @ApiProperty(day()) windowStart!: string;
  @ApiProperty(day({ example: '2027-02-28' })) windowEnd!: string;
  @ApiProperty(nullableText({ format: 'uuid', description: "the ancestor's linked round" }))
  parentRoundId!: string | null;
  @ApiProperty(nullableText({ example: '130100' })) parentNode!: string | null;
  @ApiProperty({ example: 'user:office' }) createdBy!: string;
  @ApiProperty(instant()) createdAt!: string;
}

export class RoundLinkView {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty(NODE_EXAMPLE) childNode!: string;
  @ApiProperty(nullableText({ format: 'uuid' })) childRoundId!: string | null;
  @ApiProperty(instant({ nullable: true })) acknowledgedAt!: string | null;
}

const INSPECTION_ROLES: InspectionRole[] = ['conducting', 'hosted', 'reported'];
const INSPECTION_STATUSES: InspectionStatus[] = [
  'planned',
  'requested',
  'refused',
  'feedback_given',
  'handed_back',
];

export class InspectionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    enum: INSPECTION_ROLES,
    description: 'this node conducts it, hosts it (its organization), or was told the result',
  })
  role!: InspectionRole;
  @ApiProperty({ enum: INSPECTION_MODES }) mode!: InspectionMode;
  @ApiProperty({ example: '本级巡察' }) modeLabel!: string;
  @ApiProperty(nullableText({ format: 'uuid' })) roundId!: string | null;
  @ApiProperty(NODE_EXAMPLE) ownerNode!: string;
  @ApiProperty(NODE_EXAMPLE) conductingNode!: string;
  @ApiProperty({ example: '130121-001' }) organizationCode!: string;
  @ApiProperty({ example: '井陉县党委办公室' }) organizationName!: string;
  @ApiProperty({ example: 'department' }) organizationCategory!: string;
  @ApiProperty(nullableText({ format: 'uuid' })) crossOrderId!: string | null;
  @ApiProperty(day()) windowStart!: string;
  @ApiProperty(day({ example: '2027-02-28' })) windowEnd!: string;
  @ApiProperty({ enum: INSPECTION_STATUSES }) status!: InspectionStatus;
  @ApiProperty({ example: '已安排' }) statusLabel!: string;
  @ApiProperty(nullableText()) refusalReason!: string | null;
  @ApiProperty(instant({ nullable: true })) feedbackAt!: string | null;
  @ApiProperty(nullableText()) feedbackSummary!: string | null;
  @ApiProperty(instant({ nullable: true })) handedBackAt!: string | null;
  @ApiProperty(nullableText()) handBackNotes!: string | null;
}

export class RoundDetailView extends RoundView {
  @ApiProperty({ type: [RoundLinkView], description: '巡视带巡察: the children asked' })
  links!: RoundLinkView[];
  @ApiProperty({ type: [InspectionView], description: 'inspections this node conducts in it' })
  inspections!: InspectionView[];
  @ApiProperty({ type: [InspectionView], description: 'results reported under it' })
  reported!: InspectionView[];
}

export class TeamMemberView {
  @ApiProperty({ enum: ['leader', 'deputy_leader', 'member'] })
  role!: 'leader' | 'deputy_leader' | 'member';
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ example: '王五' }) name!: string;
  @ApiProperty(nullableText({ example: '130100', description: 'seconded from this node' }))
  lentBy!: string | null;
}

export class InspectionDetailView extends InspectionView {
  @ApiProperty({ type: [TeamMemberView] }) team!: TeamMemberView[];
}

// ── cross inspection ──────────────────────────────────────────────────────────────────────

export class CrossOrderView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['ordering', 'visiting', 'inspected'] })
  role!: 'ordering' | 'visiting' | 'inspected';
  @ApiProperty({ format: 'uuid', description: "the ordering node's round" }) roundId!: string;
  @ApiProperty(nullableText({ format: 'uuid', description: "the visiting node's own round" }))
  localRoundId!: string | null;
  @ApiProperty({ example: '130100' }) orderingNode!: string;
  @ApiProperty(NODE_EXAMPLE) visitingNode!: string;
  @ApiProperty({ example: '130123' }) inspectedNode!: string;
  @ApiProperty({ type: [String] }) organizationCodes!: string[];
  @ApiProperty(day()) windowStart!: string;
  @ApiProperty(day({ example: '2027-02-28' })) windowEnd!: string;
  @ApiProperty({ type: [String], description: 'the envelopes that carried the order' })
  eventIds!: string[];
  @ApiProperty({ enum: ['ordered', 'granted', 'refused'] })
  status!: 'ordered' | 'granted' | 'refused';
  @ApiProperty({ example: '已下达' }) statusLabel!: string;
  @ApiProperty(nullableText()) refusalReason!: string | null;
  @ApiProperty(instant()) createdAt!: string;
}

export class CrossPairView {
  @ApiProperty(NODE_EXAMPLE) visitingNode!: string;
  @ApiProperty({ example: '130123' }) inspectedNode!: string;
}

export class RotationPlanView {
  @ApiProperty() feasible!: boolean;
  @ApiPropertyOptional({
    type: [CrossPairView],
    description: 'when feasible: one visitor for each peer, by visitingNode',
  })
  assignments?: CrossPairView[];
  @ApiPropertyOptional({
    type: [String],
    description: 'when not feasible: why, in Chinese, naming each node as 井陉县（130121）',
  })
  reasons?: string[];
  @ApiPropertyOptional({ type: [String], description: 'the same reasons in English' })
  reasonsEn?: string[];
  @ApiProperty({ type: [CrossPairView], description: "the previous round's pairs, avoided" })
  previousPairs!: CrossPairView[];
}

// ── personnel pool and secondment ─────────────────────────────────────────────────────────

export class PostView {
  @ApiProperty(NODE_EXAMPLE) nodeId!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty({ example: '副局长' }) title!: string;
  @ApiProperty(day({ example: '2019-01-01' })) from!: string;
  @ApiProperty(day({ nullable: true, description: 'null while the post is held' }))
  to!: string | null;
}

export class RelationView {
  @ApiProperty() name!: string;
  @ApiProperty({ example: '配偶' }) relation!: string;
  @ApiProperty(NODE_EXAMPLE) nodeId!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() unitName!: string;
}

export class PersonView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '王五' }) name!: string;
  @ApiProperty({ enum: SOURCE_BODIES }) sourceBody!: SourceBody;
  @ApiProperty({ example: '纪检监察机关' }) sourceBodyLabel!: string;
  @ApiProperty(NODE_EXAMPLE) homeJurisdiction!: string;
  @ApiProperty(nullableText()) homeUnitCode!: string | null;
  @ApiProperty({ example: '井陉县纪委监委' }) homeUnitName!: string;
  @ApiProperty(nullableText({ description: "this node's user account of the person" }))
  username!: string | null;
  @ApiProperty({ type: [PostView] }) posts!: PostView[];
  @ApiProperty({ type: [RelationView] }) relations!: RelationView[];
  @ApiProperty(nullableText({ example: '130100', description: 'seconded from this node' }))
  lentBy!: string | null;
  @ApiProperty(nullableText({ format: 'uuid' })) secondmentId!: string | null;
  @ApiProperty(instant()) createdAt!: string;
}

export class SecondmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['borrowing', 'lending'] }) role!: 'borrowing' | 'lending';
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty(NODE_EXAMPLE) borrowingNode!: string;
  @ApiProperty({ example: '130100' }) lendingNode!: string;
  @ApiProperty(day()) startsOn!: string;
  @ApiProperty(day({ example: '2027-06-30' })) endsOn!: string;
  @ApiProperty({ example: '跟班学习，参加交叉巡察' }) purpose!: string;
  @ApiProperty({ enum: ['requested', 'approved', 'declined'] })
  status!: 'requested' | 'approved' | 'declined';
  @ApiProperty({ example: '待下级确认' }) statusLabel!: string;
  @ApiProperty(nullableText({ description: 'why it was declined' })) reason!: string | null;
  @ApiProperty(instant()) requestedAt!: string;
  @ApiProperty(instant({ nullable: true })) decidedAt!: string | null;
}
