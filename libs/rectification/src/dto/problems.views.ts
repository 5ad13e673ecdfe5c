import { ApiProperty } from '@nestjs/swagger';
import { PROBLEM_CATEGORIES } from '@liandong/protocol';

/** Counts of one problem category: signed findings, organizations, nodes. */
export class ProblemCountsView {
  @ApiProperty({ description: '已签字的问题数' }) findings!: number;
  @ApiProperty({ description: '存在此类问题的被巡视巡察党组织数' }) organizations!: number;
  @ApiProperty({ description: '存在此类问题的节点数（本级及下级）' }) nodes!: number;
}

/** One child's subtree counts of a category. */
export class ChildProblemCountsView extends ProblemCountsView {
  @ApiProperty({ example: '130100' }) nodeId!: string;
  @ApiProperty({ example: '石家庄市' }) name!: string;
}

/** 共性问题: a category across this node's subtree, its own share, and each child's subtree. */
export class CommonProblemView extends ProblemCountsView {
  @ApiProperty({ enum: PROBLEM_CATEGORIES }) category!: string;
  @ApiProperty({
    example: '作风建设（含落实中央八项规定精神）',
    description: 'zh-CN label; `other` reads 其他/未分类 (it takes findings with no category)',
  })
  label!: string;
  @ApiProperty({ type: ProblemCountsView, description: 'this node’s own findings' })
  own!: ProblemCountsView;
  @ApiProperty({
    type: [ChildProblemCountsView],
    description: 'each child’s subtree, the child with most nodes first',
  })
  children!: ChildProblemCountsView[];
}

export class CommonProblemsView {
  @ApiProperty({ example: 1, description: 'the problem category catalogue version' })
  catalogueVersion!: number;
  @ApiProperty({ description: 'whether this node has children (a subtree to compare)' })
  hasChildren!: boolean;
  @ApiProperty({
    type: [CommonProblemView],
    description:
      'the categories with at least one signed finding in the subtree, by the number of nodes they recur in, then findings',
  })
  categories!: CommonProblemView[];
}
