import { PageQuery } from '@liandong/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { AcceptLabels, INSPECTION_MODES, IsCalendarDate, IsNotBlank } from '@liandong/protocol';
import { day, instant, NODE_EXAMPLE, nullableText } from '../api-fields';
import { CATEGORIES, CATEGORY_CODES } from '../categories';
import { COVERAGE_STATUS_LABELS } from '../labels';

// ── requests ──────────────────────────────────────────────────────────────────────────────

export class CreateTermDto {
  @ApiProperty({ example: '第十一届' })
  @IsString()
  @IsNotBlank()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ example: '2026-01-01' })
  @IsCalendarDate()
  startsOn!: string;

  @ApiPropertyOptional({
    description: 'defaults to five years after startsOn; must be after startsOn',
    example: '2031-01-01',
  })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string;
}

const CATEGORY_QUERY = {
  example: 'village',
  description: `a category code (${CATEGORY_CODES.join(', ')}), or its Chinese label (村, 社区, …)`,
};

const STATUS_QUERY = {
  enum: ['covered', 'remaining'],
  description: '已覆盖 covered or 未覆盖 remaining (the Chinese is accepted too)',
};

export class CoverageOrganizationsQuery extends PageQuery {
  @ApiPropertyOptional(CATEGORY_QUERY)
  @IsOptional()
  @AcceptLabels(CATEGORIES)
  @IsString()
  @Length(1, 40)
  category?: string;

  @ApiPropertyOptional(STATUS_QUERY)
  @IsOptional()
  @AcceptLabels(COVERAGE_STATUS_LABELS)
  @IsIn(['covered', 'remaining'])
  status?: 'covered' | 'remaining';
}

export class CoverageExportQuery {
  @ApiPropertyOptional(STATUS_QUERY)
  @IsOptional()
  @AcceptLabels(COVERAGE_STATUS_LABELS)
  @IsIn(['covered', 'remaining'])
  status?: 'covered' | 'remaining';

  @ApiPropertyOptional(CATEGORY_QUERY)
  @IsOptional()
  @AcceptLabels(CATEGORIES)
  @IsString()
  @Length(1, 40)
  category?: string;

  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}

// ── views ─────────────────────────────────────────────────────────────────────────────────

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
  @ApiProperty({
    enum: ['territorial', 'central_unit'],
    description: 'a territory below, or a central unit (中央单位) of its own branch',
  })
  branch!: 'territorial' | 'central_unit';
  @ApiProperty(instant()) asOf!: string;
  @ApiProperty({ type: ReportedTermView, nullable: true }) term!: ReportedTermView | null;
  @ApiProperty({ type: FiguresView }) own!: FiguresView;
  @ApiProperty({ type: FiguresView }) subtree!: FiguresView;
  @ApiProperty({ type: OversightView, nullable: true }) ownOversight!: OversightView | null;
  @ApiProperty({ type: OversightView, nullable: true }) subtreeOversight!: OversightView | null;
  @ApiProperty({ type: [GrandchildCoverageView] }) children!: GrandchildCoverageView[];
}

export class CentralUnitsView {
  @ApiProperty({ example: 2, description: 'central units (中央单位) reporting to central' })
  units!: number;
  @ApiProperty({ type: FiguresView }) figures!: FiguresView;
  @ApiProperty({ type: OversightView }) oversight!: OversightView;
}

export class CoverageView {
  @ApiProperty(instant()) asOf!: string;
  @ApiProperty({ type: TermSpanView, nullable: true, description: 'the term in force' })
  term!: TermSpanView | null;
  @ApiProperty({ type: OwnFiguresView, description: 'this registry, with a forecast' })
  own!: OwnFiguresView;
  @ApiProperty({
    type: FiguresView,
    description: 'this node and every territorial node below it (central units apart)',
  })
  subtree!: FiguresView;
  @ApiProperty({ type: OversightView }) ownOversight!: OversightView;
  @ApiProperty({ type: OversightView }) subtreeOversight!: OversightView;
  @ApiProperty({
    type: CentralUnitsView,
    nullable: true,
    description: "central units' own branch (一体两翼), kept out of the territorial totals; null where there are none",
  })
  centralUnits!: CentralUnitsView | null;
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
