import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { SendRequestDto } from './request.dto';
import { RequestQueries } from './request.queries';
import { AnswerView, InformationRequestListView, InformationRequestView } from './request.views';
import { ReadAnswer } from './use-cases/read-answer.usecase';
import { SendRequest } from './use-cases/send-request.usecase';

/** The requesting side: sending, following what is outstanding and late, the team reading answers. */
@ApiTags('information requests (巡前信息沟通 · 巡中监督手段支持)')
@Controller()
export class InformationRequestsController {
  constructor(
    private readonly send: SendRequest,
    private readonly queries: RequestQueries,
    private readonly readAnswer: ReadAnswer,
  ) {}

  @Post('inspections/:id/information-requests')
  @Allow('inspection_office')
  @ApiOperation({
    summary: '巡前信息沟通：向本级、上级或下级掌握监督成果的机关征询被巡察对象的情况',
  })
  @ApiCreatedResponse({ type: InformationRequestView })
  @ApiRefusals(400, 404, 409)
  requestInformation(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SendRequestDto,
    @CurrentUser() user: Principal,
  ): Promise<InformationRequestView> {
    return this.send.execute(id, 'information', dto, user);
  }

  @Post('inspections/:id/support-requests')
  @Allow('team_leader')
  @ApiOperation({
    summary: '巡中监督手段支持：巡察组组长请有关机关提供支持（如请纪检监察机关核实有关问题）',
  })
  @ApiCreatedResponse({ type: InformationRequestView })
  @ApiRefusals(400, 403, 404, 409)
  requestSupport(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SendRequestDto,
    @CurrentUser() user: Principal,
  ): Promise<InformationRequestView> {
    return this.send.execute(id, 'support', dto, user);
  }

  @Get('inspections/:id/information-requests')
  @Allow('inspection_office', 'leading_group', 'team_leader', 'team_member')
  @ApiOperation({
    summary: '一项巡察发出的信息沟通和监督手段支持请求及答复情况（巡察组成员只能查看本组的）',
  })
  @ApiOkResponse({ type: [InformationRequestView] })
  @ApiRefusals(403)
  ofInspection(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: Principal,
  ): Promise<InformationRequestView[]> {
    return this.queries.ofInspection(id, user);
  }

  @Get('information-requests')
  @Allow('inspection_office', 'leading_group', 'receiving_body')
  @ApiOperation({ summary: '发出和收到的信息沟通请求：待答复、逾期未答复、逾期答复' })
  @ApiOkResponse({ type: InformationRequestListView })
  list(): Promise<InformationRequestListView> {
    return this.queries.list();
  }

  @Get('information-requests/:id/answer')
  @Allow('team_leader', 'team_member')
  @ApiOperation({ summary: '巡察组打开答复及附件（解密，仅限提出请求的巡察组，记入审计日志）' })
  @ApiOkResponse({ type: AnswerView })
  @ApiRefusals(403, 404, 409)
  answer(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: Principal,
  ): Promise<AnswerView> {
    return this.readAnswer.execute(id, user);
  }
}
