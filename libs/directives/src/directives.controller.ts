import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiOperation,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { actorOf, Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { DirectiveQueries } from './directive.queries';
import {
  AcknowledgeDirectiveDto,
  IssueDirectiveDto,
  RelayDirectiveDto,
  ReportDirectiveDto,
} from './dto/directive.dto';
import { DirectiveStatusView, DirectiveView, OpenedAnnexView } from './dto/directive.views';
import { AcknowledgeDirective } from './use-cases/acknowledge-directive.usecase';
import { IssueDirective } from './use-cases/issue-directive.usecase';
import { ReadConfidential } from './use-cases/read-confidential.usecase';
import { RelayDirective } from './use-cases/relay-directive.usecase';
import { ReportDirective } from './use-cases/report-directive.usecase';

@ApiTags('directives (部署)')
@Controller('directives')
@Allow('inspection_office', 'leading_group')
export class DirectivesController {
  constructor(
    private readonly issueDirective: IssueDirective,
    private readonly acknowledgeDirective: AcknowledgeDirective,
    private readonly relayDirective: RelayDirective,
    private readonly reportDirective: ReportDirective,
    private readonly queries: DirectiveQueries,
    private readonly readConfidential: ReadConfidential,
  ) {}

  @Post()
  @ApiOperation({ summary: '下发部署（下级或全辖区），可附规则调整和密件' })
  @ApiRefusals(400, 409, 422)
  @ApiCreatedResponse({
    type: DirectiveView,
    description: 'issued to the children or the whole subtree of this node',
  })
  @ApiConflictResponse({ description: 'NO_RECIPIENTS: no node below this one has registered' })
  @Allow('inspection_office')
  issue(@CurrentUser() user: Principal, @Body() dto: IssueDirectiveDto): Promise<DirectiveView> {
    return this.issueDirective.execute(dto, actorOf(user));
  }

  @Get()
  @ApiOperation({ summary: '部署列表（本级下发的、收到的）' })
  @ApiQuery({ name: 'origin', required: false, enum: ['issued', 'received'] })
  @ApiOkResponse({ type: [DirectiveView] })
  list(@Query('origin') origin?: 'issued' | 'received'): Promise<DirectiveView[]> {
    return this.queries.list(origin === 'issued' || origin === 'received' ? origin : undefined);
  }

  @Get(':id')
  @ApiOperation({ summary: '一份部署的详情' })
  @ApiRefusals(404)
  @ApiOkResponse({ type: DirectiveView })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<DirectiveView> {
    return this.queries.get(id);
  }

  @Get(':id/confidential')
  @ApiOperation({ summary: '打开发给本节点受理机关的密件（受理机关）' })
  @ApiRefusals(404)
  @Allow('receiving_body')
  @ApiOkResponse({
    type: [OpenedAnnexView],
    description: '密件 sealed to this node’s receiving bodies, opened (and the reading audited)',
  })
  confidential(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<OpenedAnnexView[]> {
    return this.readConfidential.execute(id, actorOf(user));
  }

  @Get(':id/status')
  @ApiOperation({ summary: '本级下发部署的落实情况：下级各节点是否送达、签收、转发、报告、逾期' })
  @ApiRefusals(404, 409)
  @ApiOkResponse({
    type: DirectiveStatusView,
    description: 'per node of the subtree: received, acknowledged, relayed, reported, overdue',
  })
  status(@Param('id', ParseUUIDPipe) id: string): Promise<DirectiveStatusView> {
    return this.queries.status(id);
  }

  @Post(':id/acknowledge')
  @ApiOperation({ summary: '签收收到的部署' })
  @ApiRefusals(404, 409)
  @ApiCreatedResponse({ type: DirectiveView })
  @Allow('inspection_office')
  acknowledge(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AcknowledgeDirectiveDto,
  ): Promise<DirectiveView> {
    return this.acknowledgeDirective.execute(id, dto, actorOf(user));
  }

  @Post(':id/relay')
  @ApiOperation({ summary: '转发部署并附本级要求（层层传导）' })
  @ApiRefusals(404, 409)
  @ApiCreatedResponse({ type: DirectiveView, description: 'the new directive this node issued' })
  @Allow('inspection_office')
  relay(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RelayDirectiveDto,
  ): Promise<DirectiveView> {
    return this.relayDirective.execute(id, dto, actorOf(user));
  }

  @Post(':id/report')
  @ApiOperation({ summary: '报告部署的落实情况' })
  @ApiRefusals(404, 409)
  @ApiCreatedResponse({ type: DirectiveView })
  @Allow('inspection_office')
  report(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReportDirectiveDto,
  ): Promise<DirectiveView> {
    return this.reportDirective.execute(id, dto, actorOf(user));
  }
}
