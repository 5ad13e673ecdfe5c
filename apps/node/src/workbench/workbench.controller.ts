import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, Principal } from '@liandong/access';
import { DirectiveWork } from '@liandong/directives';
import { WORK_LEVEL_LABELS, WorkItem, WorkLevel } from '@liandong/messaging';
import { OversightWork } from '@liandong/oversight';
import { RectificationWork } from '@liandong/rectification';

const LEVELS: WorkLevel[] = ['overdue', 'due_soon', 'normal'];

export class WorkItemView {
  @ApiProperty({ example: 'directive.acknowledge' }) kind!: string;
  @ApiProperty({ example: '待签收的部署' }) kindLabel!: string;
  @ApiProperty({ example: '关于开展新一轮巡视巡察工作的部署' }) title!: string;
  @ApiProperty({ example: '中央（000000）下发，请签收' }) detail!: string;
  @ApiProperty({ nullable: true, type: String, example: '2027-01-20' }) dueOn!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'negative when overdue' })
  daysLeft!: number | null;
  @ApiProperty({
    enum: LEVELS,
    description: '三色预警: overdue red, due_soon (10 days or fewer) yellow, normal green',
  })
  level!: WorkLevel;
  @ApiProperty({ example: '临近期限' }) levelLabel!: string;
  @ApiProperty({
    enum: [
      'directive',
      'referral',
      'rectification',
      'progress_report',
      'oversight_engagement',
      'oversight_recommendation',
    ],
  })
  subjectType!: WorkItem['subjectType'];
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
}

export class WorkCardView {
  @ApiProperty({ example: 'directive.acknowledge' }) kind!: string;
  @ApiProperty({ example: '待签收的部署' }) kindLabel!: string;
  @ApiProperty() count!: number;
  @ApiProperty() overdue!: number;
  @ApiProperty({ description: 'due within 10 days, not yet overdue' }) dueSoon!: number;
}

export class WorkbenchView {
  @ApiProperty({ type: [WorkCardView], description: 'one card per kind of to-do, with counts' })
  cards!: WorkCardView[];
  @ApiProperty({
    type: [WorkItemView],
    description: 'overdue first, then due soon, then the rest; each by due day',
  })
  items!: WorkItemView[];
}

/** 工作台: what waits for the signed-in person, by the roles they hold. */
@Injectable()
export class Workbench {
  constructor(
    private readonly directives: DirectiveWork,
    private readonly rectification: RectificationWork,
    private readonly oversight: OversightWork,
  ) {}

  async of(user: Principal): Promise<WorkbenchView> {
    const items = [
      ...(await this.directives.items(user.roles)),
      ...(await this.rectification.items(user.roles)),
      ...(await this.oversight.items(user.roles)),
    ].sort(
      (a, b) =>
        LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) ||
        (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'),
    );
    const cards = new Map<string, WorkCardView>();
    for (const item of items) {
      const card = cards.get(item.kind) ?? {
        kind: item.kind,
        kindLabel: item.kindLabel,
        count: 0,
        overdue: 0,
        dueSoon: 0,
      };
      card.count += 1;
      if (item.level === 'overdue') card.overdue += 1;
      if (item.level === 'due_soon') card.dueSoon += 1;
      cards.set(item.kind, card);
    }
    return {
      cards: [...cards.values()],
      items: items.map((item) => ({ ...item, levelLabel: WORK_LEVEL_LABELS[item.level] })),
    };
  }
}

@ApiTags('workbench (工作台)')
@Controller('workbench')
export class WorkbenchController {
  constructor(private readonly workbench: Workbench) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: '工作台：按本人角色列出待办（待签收、待报告、临近期限、已逾期）' })
  @ApiOkResponse({ type: WorkbenchView })
  of(@CurrentUser() user: Principal): Promise<WorkbenchView> {
    return this.workbench.of(user);
  }
}
