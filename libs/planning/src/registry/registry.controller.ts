import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { actorOf, Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { ExportQuery, fileResponse, tableFile, XLSX_TYPE } from '@liandong/common';
import { TOTAL_COUNT_HEADER, withTotal } from '../page';
import {
  ImportQuery,
  ImportView,
  OrganizationQuery,
  OrganizationView,
  RegistrySummaryView,
} from './registry.dto';
import { registryTemplate } from './registry-template';
import { RegistryQueries } from './registry.queries';
import { ImportRegistry } from './use-cases/import-registry.usecase';

/** An upload without `format` is read by its Content-Type: Excel's, or else CSV. */
const formatOf = (type?: string): 'csv' | 'xlsx' => (type?.startsWith(XLSX_TYPE) ? 'xlsx' : 'csv');

@ApiTags('organization registry (对象库)')
@Controller('organizations')
@Allow('inspection_office', 'leading_group', 'viewer')
export class RegistryController {
  constructor(
    private readonly importRegistry: ImportRegistry,
    private readonly queries: RegistryQueries,
  ) {}

  @Get()
  @ApiOperation({ summary: '对象库党组织列表（可按类别、名称或代码筛选，分页）' })
  @ApiOkResponse({ type: [OrganizationView], headers: TOTAL_COUNT_HEADER })
  list(
    @Query() query: OrganizationQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrganizationView[]> {
    return withTotal(response, this.queries.list(query));
  }

  @Get('template')
  @ApiOperation({ summary: '下载对象库导入模板（Excel，含填写说明）' })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse(fileResponse('an empty registry workbook with the header and a guide sheet'))
  template(): Promise<StreamableFile> {
    return registryTemplate();
  }

  @Get('summary')
  @ApiOperation({ summary: '对象库按类别统计' })
  @ApiOkResponse({ type: RegistrySummaryView })
  summary(): Promise<RegistrySummaryView> {
    return this.queries.summary();
  }

  @Post('import')
  @Allow('inspection_office')
  @HttpCode(202)
  @ApiOperation({ summary: '导入对象库文件（CSV 或 Excel；有错则整份不导入并逐行说明）' })
  @ApiConsumes('text/csv', XLSX_TYPE)
  @ApiBody({
    description:
      'the file itself; columns 代码, 名称, 类别, 上级代码, 干部管理层级 (or code, name, category, parent_code, cadre_tier). A CSV may be UTF-8 (with or without BOM) or GB18030/GBK as Excel saves it on Chinese Windows.',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiAcceptedResponse({
    type: ImportView,
    description: 'the import job; poll GET /organizations/imports/:id for progress',
  })
  @ApiRefusals(413)
  start(
    @CurrentUser() user: Principal,
    @Body() body: Buffer,
    @Query() query: ImportQuery,
    @Headers('content-type') type?: string,
  ): Promise<ImportView> {
    return this.importRegistry.execute(body, query.format ?? formatOf(type), actorOf(user));
  }

  @Get('imports/:id')
  @Allow('inspection_office')
  @ApiOperation({ summary: '查询对象库导入进度和结果' })
  @ApiOkResponse({ type: ImportView })
  @ApiRefusals(404)
  progress(@Param('id', ParseUUIDPipe) id: string): Promise<ImportView> {
    return this.queries.importJob(id);
  }

  @Get('export')
  @ApiOperation({ summary: '导出对象库（Excel 或 CSV）' })
  @ApiProduces('text/csv', XLSX_TYPE)
  @ApiOkResponse(fileResponse('the registry as a file (Excel by default, CSV with format=csv)'))
  async export(@Query() query: ExportQuery): Promise<StreamableFile> {
    return tableFile(query.format, 'organizations', '对象库', await this.queries.exportTable());
  }
}
