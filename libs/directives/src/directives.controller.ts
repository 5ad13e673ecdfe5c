import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { actorOf, Allow, CurrentUser, Principal } from '@liandong/access';
import { DirectiveQueries } from './directive.queries';
import {
  AcknowledgeDirectiveDto,
  DirectiveStatusView,
  DirectiveView,
  IssueDirectiveDto,
  OpenedAnnexView,
  RelayDirectiveDto,
  ReportDirectiveDto,
} from './dto/directive.dto';
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
  @ApiQuery({ name: 'origin', required: false, enum: ['issued', 'received'] })
  @ApiOkResponse({ type: [DirectiveView] })
  list(@Query('origin') origin?: 'issued' | 'received'): Promise<DirectiveView[]> {
    return this.queries.list(origin === 'issued' || origin === 'received' ? origin : undefined);
  }

  @Get(':id')
  @ApiOkResponse({ type: DirectiveView })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<DirectiveView> {
    return this.queries.get(id);
  }

  @Get(':id/confidential')
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
  @ApiOkResponse({
    type: DirectiveStatusView,
    description: 'per node of the subtree: received, acknowledged, relayed, reported, overdue',
  })
  status(@Param('id', ParseUUIDPipe) id: string): Promise<DirectiveStatusView> {
    return this.queries.status(id);
  }

  @Post(':id/acknowledge')
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
