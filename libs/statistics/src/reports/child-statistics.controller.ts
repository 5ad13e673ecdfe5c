import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { ChildYearParam, ReturnStatisticsDto } from './statistics.dto';
import { StatisticsView } from './statistics.views';
import { AcceptChildStatistics } from './use-cases/accept-child-statistics.usecase';
import { ReturnChildStatistics } from './use-cases/return-child-statistics.usecase';

@ApiTags('statistics (年度统计)')
@Controller('statistics/:year/children/:nodeId')
@Allow('leading_group', 'inspection_office')
export class ChildStatisticsController {
  constructor(
    private readonly acceptStatistics: AcceptChildStatistics,
    private readonly returnStatistics: ReturnChildStatistics,
  ) {}

  @Post('accept')
  @ApiOperation({ summary: '审核通过下级的年度统计：该版本锁定并计入本级合计' })
  @ApiRefusals(400, 404, 409)
  @ApiCreatedResponse({ type: StatisticsView })
  accept(
    @CurrentUser() user: Principal,
    @Param() { year, nodeId }: ChildYearParam,
  ): Promise<StatisticsView> {
    return this.acceptStatistics.execute(nodeId, year, user);
  }

  @Post('return')
  @ApiOperation({ summary: '退回下级的年度统计并说明理由，下级可重新报送' })
  @ApiRefusals(400, 404, 409)
  @ApiCreatedResponse({ type: StatisticsView })
  return(
    @CurrentUser() user: Principal,
    @Param() { year, nodeId }: ChildYearParam,
    @Body() dto: ReturnStatisticsDto,
  ): Promise<StatisticsView> {
    return this.returnStatistics.execute(nodeId, year, dto, user);
  }
}
