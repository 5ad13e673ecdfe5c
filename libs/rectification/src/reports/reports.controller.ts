import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { DecisionDto, ReportDto } from '../dto/report.dto';
import { DecisionView, ReportVersionView, ReportView } from '../dto/report.views';
import { ReportQueries } from './report.queries';
import { DecideReport } from './use-cases/decide-report.usecase';
import { FinalizeReport } from './use-cases/finalize-report.usecase';

@ApiTags('findings and reports (问题底稿与巡视报告)')
@Controller()
export class ReportsController {
  constructor(
    private readonly finalizeReport: FinalizeReport,
    private readonly decideReport: DecideReport,
    private readonly queries: ReportQueries,
  ) {}

  @Post('inspections/:id/reports')
  @Allow('team_leader')
  @ApiOperation({ summary: '组长定稿巡察报告，或出具更正后的新版本（须说明理由）' })
  @ApiCreatedResponse({ type: ReportView })
  @ApiRefusals(404, 409)
  finalize(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReportDto,
    @CurrentUser() user: Principal,
  ): Promise<ReportView> {
    return this.finalizeReport.execute(id, dto, user);
  }

  @Get('inspections/:id/reports')
  @Allow('inspection_office', 'leading_group', 'team_leader', 'team_member')
  @ApiOperation({ summary: '查看巡察报告的各个版本及领导小组决定' })
  @ApiOkResponse({ type: [ReportVersionView] })
  versions(@Param('id', ParseUUIDPipe) id: string): Promise<ReportVersionView[]> {
    return this.queries.versions(id);
  }

  @Post('reports/:id/decision')
  @Allow('leading_group')
  @ApiOperation({ summary: '领导小组对最新版巡察报告作出决定' })
  @ApiCreatedResponse({ type: DecisionView })
  @ApiRefusals(404, 409)
  decide(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecisionDto,
    @CurrentUser() user: Principal,
  ): Promise<DecisionView> {
    return this.decideReport.execute(id, dto, user);
  }
}
