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
    summary:
      '年度统计：本级统计（未报送时按记录实时计算，报送后为冻结的版本）、本级及下级合计、各下级的报送与审核状态、比上年增长',
  })
  @ApiRefusals(400)
  @ApiOkResponse({ type: StatisticsView })
  view(@Param() { year }: YearParam): Promise<StatisticsView> {
    return this.queries.view(year);
  }

  @Post('submit')
  @Allow('inspection_office')
  @ApiOperation({
    summary:
      '报送年度统计：按本级记录计算的数字冻结为新版本，报上级审核；已审核通过的统计须填写更正原因才能更正报送',
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
