import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { CloseEngagementDto, OpenEngagementDto } from './engagement.dto';
import { EngagementQueries } from './engagement.queries';
import { ChecklistView, EngagementDetailView, EngagementView } from './engagement.views';
import { CloseEngagement } from './use-cases/close-engagement.usecase';
import { OpenEngagement } from './use-cases/open-engagement.usecase';

@ApiTags('oversight (指导督导)')
@Controller('oversight')
@Allow('inspection_office', 'leading_group')
export class EngagementsController {
  constructor(
    private readonly openEngagement: OpenEngagement,
    private readonly closeEngagement: CloseEngagement,
    private readonly queries: EngagementQueries,
  ) {}

  @Get('checklist')
  @ApiOperation({ summary: '指导督导的方式和全流程督导清单（各方面及事项）' })
  @ApiOkResponse({ type: ChecklistView })
  checklist(): ChecklistView {
    return this.queries.checklist();
  }

  @Post('engagements')
  @ApiOperation({ summary: '对下级开展指导督导（专题培训辅导、工作调研督导、现场跟进指导）' })
  @ApiRefusals(400, 409)
  @ApiCreatedResponse({ type: EngagementView, description: 'opened and sent to the overseen node' })
  @Allow('inspection_office')
  open(@CurrentUser() user: Principal, @Body() dto: OpenEngagementDto): Promise<EngagementView> {
    return this.openEngagement.execute(dto, actorOf(user));
  }

  @Get('engagements')
  @ApiOperation({ summary: '指导督导列表（本级开展的、本级接受的）' })
  @ApiOkResponse({ type: [EngagementView] })
  list(): Promise<EngagementView[]> {
    return this.queries.list();
  }

  @Get('engagements/:id')
  @ApiOperation({ summary: '一项指导督导的详情：清单、授权、督导情况、参训人员、督导意见及答复' })
  @ApiRefusals(404)
  @ApiOkResponse({ type: EngagementDetailView })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<EngagementDetailView> {
    return this.queries.detail(id);
  }

  @Post('engagements/:id/close')
  @ApiOperation({ summary: '结束指导督导：书面评估意见和督导意见（按规定期限答复）' })
  @ApiRefusals(404, 409)
  @ApiCreatedResponse({ type: EngagementDetailView })
  @Allow('inspection_office')
  close(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CloseEngagementDto,
  ): Promise<EngagementDetailView> {
    return this.closeEngagement.execute(id, dto, actorOf(user));
  }
}
