import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { WriteSpecialReportDto } from './special-report.dto';
import { SpecialReportQueries } from './special-report.queries';
import { SpecialReportListView, SpecialReportView } from './special-report.views';
import { WriteSpecialReport } from './use-cases/write-special-report.usecase';

@ApiTags('findings and reports (问题底稿与巡视报告)')
@Controller('special-reports')
export class SpecialReportsController {
  constructor(
    private readonly write: WriteSpecialReport,
    private readonly queries: SpecialReportQueries,
  ) {}

  @Post()
  @Allow('inspection_office')
  @ApiOperation({ summary: '报送专题报告（本级党委或上级巡视巡察机构，依据本级已签字的问题）' })
  @ApiRefusals(404, 409)
  @ApiCreatedResponse({ type: SpecialReportView })
  submit(
    @CurrentUser() user: Principal,
    @Body() dto: WriteSpecialReportDto,
  ): Promise<SpecialReportView> {
    return this.write.execute(dto, user);
  }

  @Get()
  @Allow('inspection_office', 'leading_group', 'viewer')
  @ApiOperation({ summary: '专题报告：本级报送的和下级报来的' })
  @ApiOkResponse({ type: SpecialReportListView })
  list(): Promise<SpecialReportListView> {
    return this.queries.list();
  }
}
