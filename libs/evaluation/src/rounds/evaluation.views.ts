import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INSPECTION_MODES, InspectionMode } from '@liandong/protocol';

const DATE_TIME = { type: String, format: 'date-time' } as const;

export const ROUND_STATE_LABELS = { open: '评价中', closed: '已结束' } as const;

export class QuestionView {
  @ApiProperty({ example: 'integrity' }) key!: string;
  @ApiProperty({ enum: ['rating', 'yes_no'] }) kind!: 'rating' | 'yes_no';
  @ApiProperty({ example: '廉洁自律情况' }) text!: string;
  @ApiProperty({
    type: [String],
    example: ['很不满意', '不满意', '一般', '满意', '很满意'],
    description: '选项（评分题 1 至 5；是否题：有、没有）',
  })
  choices!: string[];
  @ApiProperty({
    type: [String],
    example: ['1', '2', '3', '4', '5'],
    description: '提交时各选项的值，与 choices 一一对应',
  })
  values!: string[];
}

export class QuestionnaireView {
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ example: '巡视巡察组纪律作风情况评价表' }) title!: string;
  @ApiProperty() intro!: string;
  @ApiProperty({ type: [QuestionView] }) items!: QuestionView[];
  @ApiProperty({ example: '对巡视巡察组纪律作风的意见建议（选填）' }) commentText!: string;
  @ApiProperty({ example: 1000 }) commentMaxLength!: number;
}

/** What the public page shows for a valid, unused code. */
export class EvaluationFormView {
  @ApiProperty({ example: '井陉县某局党组' }) organizationName!: string;
  @ApiProperty({ example: '石家庄市', description: '实施巡视巡察的机构（节点名称）' })
  conductingNodeName!: string;
  @ApiProperty({ type: QuestionnaireView }) questionnaire!: QuestionnaireView;
}

export class EvaluationReceiptView {
  @ApiProperty({ example: true }) received!: boolean;
  @ApiProperty({ example: '提交成功，感谢您的评价。本评价不记名，系统不记录填写人的任何信息。' })
  message!: string;
}

export class ItemResultView {
  @ApiProperty({ example: 'integrity' }) key!: string;
  @ApiProperty({ example: '廉洁自律情况' }) text!: string;
  @ApiProperty({ enum: ['rating', 'yes_no'] }) kind!: 'rating' | 'yes_no';
  @ApiProperty({ type: [String], example: ['很不满意', '不满意', '一般', '满意', '很满意'] })
  choices!: string[];
  @ApiProperty({ type: [Number], example: [0, 0, 1, 2, 3], description: '各选项的份数' })
  counts!: number[];
  @ApiProperty({ type: Number, nullable: true, example: 4.33, description: '平均分（是否题为空）' })
  mean!: number | null;
  @ApiProperty({
    example: 83.3,
    description: '满意率（%）：评分题为“满意”“很满意”之和；是否题为答“没有”的比例',
  })
  satisfiedShare!: number;
}

/** The aggregate, or only the count and why nothing more is shown. */
export class EvaluationResultView {
  @ApiProperty({ example: 6, description: '收到答卷份数' }) answers!: number;
  @ApiProperty({ description: '是否达到最少份数而予以统计' }) shown!: boolean;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '答卷不足 5 份，不予统计',
  })
  message!: string | null;
  @ApiProperty({ type: [ItemResultView], description: '不足最少份数时为空' })
  items!: ItemResultView[];
  @ApiProperty({ type: [String], description: '意见建议（不足最少份数时为空，顺序无意义）' })
  comments!: string[];
}

export class EvaluationRoundView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) inspectionId!: string;
  @ApiProperty({ example: '井陉县某局党组' }) organizationName!: string;
  @ApiProperty({ enum: INSPECTION_MODES }) mode!: InspectionMode;
  @ApiProperty({ example: '提级巡察' }) modeLabel!: string;
  @ApiProperty({ example: '130100' }) conductingNode!: string;
  @ApiProperty({ example: '石家庄市' }) conductingNodeName!: string;
  @ApiProperty(DATE_TIME) feedbackAt!: string;
  @ApiProperty({ example: 1 }) questionnaireVersion!: number;
  @ApiProperty({ example: 30, description: '发放评价码份数' }) codesIssued!: number;
  @ApiProperty({ example: 12, description: '已收到答卷份数' }) answers!: number;
  @ApiProperty({ enum: ['open', 'closed'] }) state!: 'open' | 'closed';
  @ApiProperty({ example: '评价中' }) stateLabel!: string;
  @ApiProperty() openedBy!: string;
  @ApiProperty(DATE_TIME) openedAt!: string;
  @ApiPropertyOptional({ ...DATE_TIME, nullable: true }) closedAt!: string | null;
  @ApiPropertyOptional({
    type: EvaluationResultView,
    nullable: true,
    description: '结束后才统计；评价中为空',
  })
  result!: EvaluationResultView | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: '统计结果报送的实施巡视巡察的节点；本级自行巡察或不足最少份数时为空',
  })
  sentTo!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '石家庄市' })
  sentToName!: string | null;
}

/** The round just opened, with its codes: shown this once, never stored, to be printed. */
export class OpenedEvaluationRoundView extends EvaluationRoundView {
  @ApiProperty({
    type: [String],
    example: ['KMQ7-A3XD-TW9H'],
    description: '评价码：只在此显示一次，系统只保存其摘要，请立即打印分发',
  })
  codes!: string[];
}

/** An inspection given feedback to one of this node's organizations, and its round if any. */
export class EvaluableInspectionView {
  @ApiProperty({ format: 'uuid' }) inspectionId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ enum: INSPECTION_MODES }) mode!: InspectionMode;
  @ApiProperty({ example: '本级巡察' }) modeLabel!: string;
  @ApiProperty() conductingNode!: string;
  @ApiProperty({ example: '石家庄市' }) conductingNodeName!: string;
  @ApiProperty(DATE_TIME) feedbackAt!: string;
  @ApiPropertyOptional({ type: EvaluationRoundView, nullable: true })
  round!: EvaluationRoundView | null;
}

/** One evaluation a team received (an aggregate of one inspection's round). */
export class TeamEvaluationView {
  @ApiProperty({ format: 'uuid' }) inspectionId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ enum: INSPECTION_MODES }) mode!: InspectionMode;
  @ApiProperty({ example: '提级巡察' }) modeLabel!: string;
  @ApiProperty({ example: '130121', description: '被巡察党组织所在节点（组织评价的一方）' })
  fromNode!: string;
  @ApiProperty({ example: '井陉县' }) fromNodeName!: string;
  @ApiProperty(DATE_TIME) feedbackAt!: string;
  @ApiProperty({ example: '2026-12-20', description: '评价结束日期' }) closedOn!: string;
  @ApiProperty({ example: 30 }) codesIssued!: number;
  @ApiProperty({ example: 12 }) answers!: number;
  @ApiProperty({ type: Number, nullable: true, example: 4.5, description: '总体评价平均分' })
  overallMean!: number | null;
  @ApiProperty({ example: 91.7, description: '各题满意率的平均（%）' }) satisfiedShare!: number;
  @ApiProperty({ type: [ItemResultView] }) items!: ItemResultView[];
  @ApiProperty({ type: [String] }) comments!: string[];
}

/** 巡视巡察组: by its leader, the evaluations of every inspection it led, newest first. */
export class TeamRecordView {
  @ApiProperty({ format: 'uuid', description: '组长（干部人才库中的人员）' }) leaderId!: string;
  @ApiProperty({ example: '张某某' }) leaderName!: string;
  @ApiProperty({ example: 3 }) evaluations!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 4.6,
    description: '各次总体评价平均分的平均',
  })
  overallMean!: number | null;
  @ApiProperty({ example: 95.2, description: '各次满意率的平均（%）' }) satisfiedShare!: number;
  @ApiProperty({ type: [TeamEvaluationView] }) rounds!: TeamEvaluationView[];
}
