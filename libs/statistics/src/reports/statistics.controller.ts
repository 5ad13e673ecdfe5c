import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { SubmitStatisticsDto, YearParam } from './statistics.dto';
import { StatisticsQueries } from './statistics.queries';
import { StatisticsView } from './statistics.views';
import { SubmitStatistics } from './use-cases/submit-statistics.usecase';

@ApiTags('statistics (年度统计)')
@Controller('statistics/:year')
export class StatisticsController {
  constructor(
    private readonly queries: StatisticsQueries,
    private readonly submitStatistics: SubmitStatistics,
  ) {}

  @Get()
  @Allow('inspection_office', 'leading_group', 'viewer')
  @ApiOperation({
    summary: '年度统计：本级及下级合计、各下级报送审核状态、比上年增长',
    description:
      'Own figures computed live from the records until submitted (then the frozen version); the subtree is own plus each child’s latest accepted report.',
  })
  @ApiRefusals(400)
  @ApiOkResponse({ type: StatisticsView })
  view(@Param() { year }: YearParam): Promise<StatisticsView> {
    return this.queries.view(year);
  }

  @Post('submit')
  @Allow('inspection_office')
  @ApiOperation({
    summary: '报送年度统计：数字冻结为新版本报上级审核（更正须填原因）',
    description:
      'A report the parent accepted is locked: a new version of it needs a correction reason and the parent’s acceptance again.',
  })
  @ApiRefusals(400, 409)
  @ApiCreatedResponse({ type: StatisticsView })
  submit(
    @CurrentUser() user: Principal,
    @Param() { year }: YearParam,
    @Body() dto: SubmitStatisticsDto,
  ): Promise<StatisticsView> {
    return this.submitStatistics.execute(year, dto, user);
  }
}
