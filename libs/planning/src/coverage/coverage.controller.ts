import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Allow } from '@liandong/access';
import { fileResponse, tableFile, XLSX_TYPE } from '@liandong/common';
import { TOTAL_COUNT_HEADER, withTotal } from '../page';
import {
  CoverageExportQuery,
  CoverageOrganizationsQuery,
  CoverageOrganizationView,
  CoverageView,
} from './coverage.dto';
import { CoverageQueries } from './coverage.queries';

@ApiTags('terms and coverage (届期与全覆盖)')
@Controller()
@Allow('inspection_office', 'leading_group', 'viewer')
export class CoverageController {
  constructor(private readonly queries: CoverageQueries) {}

  /** Own coverage with its forecast, the subtree's, and each child's as it last reported. */
  @Get('coverage')
  @ApiOperation({ summary: '全覆盖情况：本级（含预测）、本级及下级合计、各下级' })
  @ApiOkResponse({ type: CoverageView, description: '全覆盖: own, subtree and per-child figures' })
  view(): Promise<CoverageView> {
    return this.queries.view();
  }

  /** Each organization with whether, how and when it was covered this term, and open hosted inspections. */
  @Get('coverage/organizations')
  @ApiOperation({ summary: '对象覆盖明细：每个党组织本届是否已巡察、方式和时间' })
  @ApiOkResponse({ type: [CoverageOrganizationView], headers: TOTAL_COUNT_HEADER })
  organizations(
    @Query() query: CoverageOrganizationsQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CoverageOrganizationView[]> {
    return withTotal(response, this.queries.organizations(query));
  }

  /** The same list as a file for the office: Excel (default) or CSV, every row. */
  @Get('coverage/organizations/export')
  @ApiOperation({ summary: '导出对象覆盖明细（Excel 或 CSV）' })
  @ApiProduces('text/csv', XLSX_TYPE)
  @ApiOkResponse(fileResponse('the list as a file (Excel by default, CSV with format=csv)'))
  async exportOrganizations(@Query() query: CoverageExportQuery): Promise<StreamableFile> {
    return tableFile(query.format, 'coverage', '全覆盖', await this.queries.exportTable(query));
  }
}
