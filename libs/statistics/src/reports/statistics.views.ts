import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const DATE_TIME = { type: String, format: 'date-time' } as const;

/**
 * Where a report stands: 未报送 / 已报送待审核 / 已退回 / 已审核通过 / 更正待审核 (a new version
 * of a report accepted before, awaiting acceptance again).
 */
export const REPORT_STATES = [
  'not_submitted',
  'submitted',
  'returned',
  'accepted',
  'corrected',
] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const REPORT_STATE_LABELS: Record<ReportState, string> = {
  not_submitted: '未报送',
  submitted: '已报送待审核',
  returned: '已退回',
  accepted: '已审核通过',
  corrected: '更正待审核',
};

export class FormLineView {
  @ApiProperty({ example: 'inspected.category.village' }) key!: string;
  @ApiProperty({ example: '其中：村' }) label!: string;
  @ApiProperty({ example: '被巡视巡察党组织' }) group!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) description!: string | null;
}

export class FigureValueView {
  @ApiProperty({ example: 'inspected.total' }) key!: string;
  @ApiProperty({ example: 12 }) value!: number;
}

/** One line of the table: own, subtree, last year's subtree and the change. */
export class FigureRowView extends FormLineView {
  @ApiProperty({ description: '本级' }) own!: number;
  @ApiProperty({ description: '本级及下级合计（下级取最新审核通过的统计）' }) subtree!: number;
  @ApiProperty({ description: '上年本级及下级合计（本级记录＋下级上年审核通过的统计）' })
  previousYear!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '比上年增长（%，一位小数）；上年为 0 时为空',
    example: 180,
  })
  change!: number | null;
}

export class StatisticsVersionView {
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ example: 1 }) formVersion!: number;
  @ApiProperty({ enum: ['submitted', 'accepted', 'returned'] }) state!:
    'submitted' | 'accepted' | 'returned';
  @ApiPropertyOptional({ type: String, nullable: true, description: '更正原因' })
  reason!: string | null;
  @ApiProperty() submittedBy!: string;
  @ApiProperty(DATE_TIME) submittedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) decidedBy!: string | null;
  @ApiPropertyOptional({ ...DATE_TIME, nullable: true }) decidedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '退回理由' })
  returnReason!: string | null;
}

/** A direct child's report for the year, as this node (its parent) holds it. */
export class ChildStatisticsView {
  @ApiProperty({ example: '130100' }) nodeId!: string;
  @ApiProperty({ example: '石家庄市' }) name!: string;
  @ApiProperty({
    enum: ['territorial', 'central_unit'],
    description: '地方，或中央单位（单列统计）',
  })
  branch!: 'territorial' | 'central_unit';
  @ApiProperty({ enum: REPORT_STATES }) state!: ReportState;
  @ApiProperty({ example: '已审核通过' }) stateLabel!: string;
  @ApiPropertyOptional({ type: StatisticsVersionView, nullable: true, description: '最新版本' })
  latest!: StatisticsVersionView | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: '计入本级合计的版本（最新审核通过的）',
  })
  acceptedVersion!: number | null;
  @ApiProperty({ type: [FigureValueView], description: '最新版本的本级数' })
  own!: FigureValueView[];
  @ApiProperty({ type: [FigureValueView], description: '最新版本的合计数' })
  subtree!: FigureValueView[];
}

export class StatisticsView {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ example: '130000' }) nodeId!: string;
  @ApiProperty({ example: '河北省' }) name!: string;
  @ApiProperty({ description: '没有上级（中央）：只汇总，不报送' }) isTop!: boolean;
  @ApiProperty({ example: 1 }) formVersion!: number;
  @ApiProperty({ example: '巡视巡察工作年度统计表（第1版）' }) formTitle!: string;
  @ApiProperty({ enum: REPORT_STATES, description: '本级统计的状态' }) state!: ReportState;
  @ApiProperty({ example: '未报送' }) stateLabel!: string;
  @ApiProperty({
    description:
      '已报送后又有下级的统计审核通过（如下级更正）：本级报送的合计已过时，需要重新报送（不会自动报送）',
  })
  stale!: boolean;
  @ApiProperty({
    enum: ['draft', 'version'],
    description: 'draft：按当前记录实时计算；version：最新报送版本（已冻结）',
  })
  shown!: 'draft' | 'version';
  @ApiPropertyOptional({ type: StatisticsVersionView, nullable: true })
  latest!: StatisticsVersionView | null;
  @ApiProperty({ type: [StatisticsVersionView] }) versions!: StatisticsVersionView[];
  @ApiProperty({ type: [FigureRowView] }) figures!: FigureRowView[];
  @ApiProperty({
    type: [FigureRowView],
    nullable: true,
    description:
      '中央单位（单列，不计入地方合计）：各中央单位最新审核通过的统计之和，`subtree` 为其合计，`own` 为 0；没有中央单位时为空',
  })
  centralUnits!: FigureRowView[] | null;
  @ApiProperty({ type: [ChildStatisticsView] }) children!: ChildStatisticsView[];
}
