import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ExportQuery, fileResponse } from '@liandong/common';
import { Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import {
  AssignItemDto,
  CloseItemDto,
  DisclosureDto,
  FollowUpDto,
  ProgressReportDto,
  ProofQuery,
  SignQuery,
} from '../dto/rectification.dto';
import {
  FollowUpInspectionView,
  ProgressReportView,
  ProofFileView,
  RectificationDetailView,
  RectificationItemView,
  RectificationSummaryView,
  RectificationView,
} from '../dto/rectification.views';
import { EVIDENCE_TYPES } from '../findings/evidence-type';
import { RectificationQueries } from './rectification.queries';
import { AddProof } from './use-cases/add-proof.usecase';
import { AssignItem } from './use-cases/assign-item.usecase';
import { CloseItem } from './use-cases/close-item.usecase';
import { DiscloseRectification } from './use-cases/disclose-rectification.usecase';
import { ReadProof } from './use-cases/read-proof.usecase';
import { ScheduleFollowUp } from './use-cases/schedule-follow-up.usecase';
import { SignProgressReport } from './use-cases/sign-progress-report.usecase';
import { SubmitProgressReport } from './use-cases/submit-progress-report.usecase';

const READERS = [
  'inspection_office',
  'leading_group',
  'supervision_office',
  'organization_department',
] as const;

/** The accepted types of a file of proof, as of evidence (checked by their first bytes). */
const PROOF_TYPES = Object.keys(EVIDENCE_TYPES);

@ApiTags('rectification (整改)')
@Controller()
export class RectificationController {
  constructor(
    private readonly queries: RectificationQueries,
    private readonly assignItem: AssignItem,
    private readonly addProof: AddProof,
    private readonly readProof: ReadProof,
    private readonly closeItem: CloseItem,
    private readonly submitProgress: SubmitProgressReport,
    private readonly signProgress: SignProgressReport,
    private readonly discloseRectification: DiscloseRectification,
    private readonly scheduleFollowUp: ScheduleFollowUp,
  ) {}

  @Get('rectifications')
  @Allow(...READERS, 'viewer')
  @ApiOperation({ summary: '本节点的整改列表' })
  @ApiOkResponse({ type: [RectificationSummaryView] })
  list(): Promise<RectificationSummaryView[]> {
    return this.queries.list();
  }

  @Get('rectifications/:id')
  @Allow(...READERS, 'viewer')
  @ApiOperation({
    summary: '查看一项整改：问题、责任和任务清单，进展报告，期限与预警，日常监督记录',
  })
  @ApiOkResponse({ type: RectificationDetailView })
  @ApiRefusals(404)
  view(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: Principal,
  ): Promise<RectificationDetailView> {
    return this.queries.detail(id, user.roles);
  }

  /** 整改台账: the problem, responsibility and task lists as a file (Excel by default, or CSV). */
  @Get('rectifications/:id/export')
  @Allow(...READERS)
  @ApiOperation({ summary: '导出整改台账（Excel 或 CSV）' })
  @ApiOkResponse(fileResponse('整改台账 as a file (format=csv or xlsx)'))
  @ApiRefusals(404)
  export(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ExportQuery,
  ): Promise<StreamableFile> {
    return this.queries.ledger(id, query.format);
  }

  @Put('rectifications/:id/items/:itemId')
  @Allow('inspection_office')
  @ApiOperation({ summary: '为一个问题明确责任人、单位主要负责人和整改任务' })
  @ApiOkResponse({ type: RectificationItemView })
  @ApiRefusals(404, 409)
  assign(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() dto: AssignItemDto,
    @CurrentUser() user: Principal,
  ): Promise<RectificationItemView> {
    return this.assignItem.execute(id, itemId, dto, user);
  }

  @Post('rectifications/:id/items/:itemId/proof')
  @Allow('inspection_office')
  @ApiOperation({ summary: '上传销号佐证材料（文件本身作请求体，类型须与内容相符）' })
  @ApiConsumes(...PROOF_TYPES)
  @ApiBody({
    description: 'the file itself; at most 20 MB; its content must match its type',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiCreatedResponse({ type: ProofFileView })
  @ApiRefusals(404, 409, 413)
  proof(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Query() query: ProofQuery,
    @Body() data: Buffer,
    @CurrentUser() user: Principal,
    @Headers('content-type') contentType?: string,
  ): Promise<ProofFileView> {
    return this.addProof.execute(id, itemId, { data, contentType, filename: query.filename }, user);
  }

  @Get('rectifications/:id/items/:itemId/proof/:proofId')
  @Allow(...READERS)
  @ApiOperation({ summary: '下载销号佐证材料（每次查阅都记入审计日志）' })
  @ApiOkResponse({
    description: 'the file of proof',
    content: Object.fromEntries(
      PROOF_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
    ),
  })
  @ApiRefusals(404)
  readProofFile(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Param('proofId', ParseUUIDPipe) proofId: string,
    @CurrentUser() user: Principal,
  ): Promise<StreamableFile> {
    return this.readProof.execute(id, itemId, proofId, user);
  }

  @Post('rectifications/:id/items/:itemId/close')
  @Allow('inspection_office')
  @ApiOperation({ summary: '整改销号（须有佐证：上传的佐证材料或佐证说明）' })
  @ApiCreatedResponse({ type: RectificationItemView })
  @ApiRefusals(404, 409)
  close(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() dto: CloseItemDto,
    @CurrentUser() user: Principal,
  ): Promise<RectificationItemView> {
    return this.closeItem.execute(id, itemId, dto, user);
  }

  @Post('rectifications/:id/progress-reports')
  @Allow('inspection_office')
  @ApiOperation({ summary: '报送整改进展情况报告' })
  @ApiCreatedResponse({ type: ProgressReportView })
  @ApiRefusals(404)
  progress(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ProgressReportDto,
    @CurrentUser() user: Principal,
  ): Promise<ProgressReportView> {
    return this.submitProgress.execute(id, dto, user);
  }

  @Post('progress-reports/:id/sign')
  @Allow('supervision_office', 'organization_department', 'inspection_office')
  @ApiOperation({ summary: '监督检查室、组织部门或巡视巡察办签署整改进展情况报告' })
  @ApiCreatedResponse({ type: ProgressReportView })
  @ApiRefusals(404, 409)
  sign(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: SignQuery,
    @CurrentUser() user: Principal,
  ): Promise<ProgressReportView> {
    return this.signProgress.execute(id, query.as, user);
  }

  @Post('rectifications/:id/disclosure')
  @Allow('inspection_office')
  @ApiOperation({ summary: '登记整改公开的内容和日期' })
  @ApiCreatedResponse({ type: RectificationView })
  @ApiRefusals(404)
  disclose(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DisclosureDto,
    @CurrentUser() user: Principal,
  ): Promise<RectificationView> {
    return this.discloseRectification.execute(id, dto, user);
  }

  @Post('rectifications/:id/follow-up')
  @Allow('inspection_office')
  @ApiOperation({ summary: '安排“回头看”，核查已销号的问题' })
  @ApiCreatedResponse({ type: FollowUpInspectionView })
  @ApiRefusals(404, 409)
  followUp(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FollowUpDto,
    @CurrentUser() user: Principal,
  ): Promise<FollowUpInspectionView> {
    return this.scheduleFollowUp.execute(id, dto, user);
  }
}
