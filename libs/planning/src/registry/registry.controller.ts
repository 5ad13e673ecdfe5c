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
import { DataSource } from 'typeorm';
import { CATEGORIES, Category, CATEGORY_CODES } from '../categories';
import {
  ExportQuery,
  ImportQuery,
  ImportView,
  OrganizationQuery,
  OrganizationView,
  RegistrySummaryView,
} from './registry.dto';
import { Organization } from '../entities';
import { fileResponse, tableFile, toWorkbook, XLSX_TYPE } from '@liandong/common';
import { EXPORT_HEADER, exportRow, TEMPLATE_GUIDE } from './registry-file';
import { ImportRegistry } from './use-cases/import-registry.usecase';
import { organizationView, RegistryQueries } from './registry.queries';

@ApiTags('organization registry (对象库)')
@Controller('organizations')
@Allow('inspection_office', 'leading_group', 'viewer')
export class RegistryController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly importRegistry: ImportRegistry,
    private readonly registry: RegistryQueries,
  ) {}

  @Get()
  @ApiOperation({ summary: '对象库党组织列表（可按类别、名称或代码筛选，分页）' })
  @ApiOkResponse({
    type: [OrganizationView],
    headers: {
      'X-Total-Count': {
        description: 'how many match in all (the page holds at most `limit`)',
        schema: { type: 'integer' },
      },
    },
  })
  async list(
    @Query() query: OrganizationQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrganizationView[]> {
    const { organizations, total } = await this.registry.search({
      ...query,
      limit: query.limit ?? 100,
    });
    response.setHeader('X-Total-Count', String(total));
    return organizations.map(organizationView);
  }

  @Get('template')
  @ApiOperation({ summary: '下载对象库导入模板（Excel，含填写说明）' })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse(fileResponse('an empty registry workbook with the header and a guide sheet'))
  async template(): Promise<StreamableFile> {
    return new StreamableFile(
      await toWorkbook([
        { name: '对象库', rows: [EXPORT_HEADER] },
        { name: '填写说明', rows: TEMPLATE_GUIDE },
      ]),
      {
        type: XLSX_TYPE,
        disposition: `attachment; filename="registry-template.xlsx"; filename*=UTF-8''${encodeURIComponent('对象库导入模板.xlsx')}`,
      },
    );
  }

  @Get('summary')
  @ApiOperation({ summary: '对象库按类别统计' })
  @ApiOkResponse({ type: RegistrySummaryView })
  async summary(): Promise<RegistrySummaryView> {
    const rows: Array<{ category: Category; count: string }> = await this.dataSource.query(
      `SELECT category, count(*) AS count FROM organization GROUP BY category`,
    );
    const counts = new Map(rows.map((r) => [r.category, Number(r.count)]));
    return {
      total: rows.reduce((sum, r) => sum + Number(r.count), 0),
      byCategory: CATEGORY_CODES.map((category) => ({
        category,
        label: CATEGORIES[category],
        count: counts.get(category) ?? 0,
      })),
    };
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
    const format = query.format ?? (type?.startsWith(XLSX_TYPE) ? 'xlsx' : 'csv');
    return this.importRegistry.start(body, format, actorOf(user));
  }

  @Get('imports/:id')
  @Allow('inspection_office')
  @ApiOperation({ summary: '查询对象库导入进度和结果' })
  @ApiOkResponse({ type: ImportView })
  @ApiRefusals(404)
  progress(@Param('id', ParseUUIDPipe) id: string): Promise<ImportView> {
    return this.importRegistry.get(id);
  }

  @Get('export')
  @ApiOperation({ summary: '导出对象库（Excel 或 CSV）' })
  @ApiProduces('text/csv', XLSX_TYPE)
  @ApiOkResponse(fileResponse('the registry as a file (Excel by default, CSV with format=csv)'))
  async export(@Query() query: ExportQuery): Promise<StreamableFile> {
    const organizations = await this.dataSource
      .getRepository(Organization)
      .find({ order: { code: 'ASC' } });
    const rows = [EXPORT_HEADER, ...organizations.map(exportRow)];
    return tableFile(query.format, 'organizations', '对象库', rows);
  }
}
