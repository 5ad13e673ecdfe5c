import { ApiProperty } from '@nestjs/swagger';

export class EngagementFiguresView {
  @ApiProperty({ description: '进行中的督导' }) engagementsOpen!: number;
  @ApiProperty({ description: '已结束的督导' }) engagementsClosed!: number;
  @ApiProperty({ description: '待答复的督导意见' }) recommendationsOpen!: number;
  @ApiProperty({ description: '已答复的督导意见' }) recommendationsAnswered!: number;
  @ApiProperty({ description: '逾期未答复的督导意见' }) recommendationsOverdue!: number;
}

export class NodeEngagementFiguresView {
  @ApiProperty({ example: '130000' }) nodeId!: string;
  @ApiProperty({ example: '河北省' }) name!: string;
  @ApiProperty({ type: EngagementFiguresView }) figures!: EngagementFiguresView;
}

export class OversightFiguresView {
  @ApiProperty({ type: EngagementFiguresView, description: 'the engagements this node conducts' })
  own!: EngagementFiguresView;
  @ApiProperty({ type: EngagementFiguresView, description: 'own plus each child’s latest report' })
  subtree!: EngagementFiguresView;
  @ApiProperty({ type: [NodeEngagementFiguresView] }) children!: NodeEngagementFiguresView[];
}
