import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { DispositionDto, ReferralDto } from '../dto/referral.dto';
import { ReferralContentView, ReferralListView, ReferralView } from '../dto/referral.views';
import { ReferralQueries } from './referral.queries';
import { AcknowledgeReferral } from './use-cases/acknowledge-referral.usecase';
import { DisposeReferral } from './use-cases/dispose-referral.usecase';
import { MakeReferral } from './use-cases/make-referral.usecase';
import { ReadReferralContent } from './use-cases/read-referral-content.usecase';

@ApiTags('referrals (移交)')
@Controller()
export class ReferralsController {
  constructor(
    private readonly makeReferral: MakeReferral,
    private readonly queries: ReferralQueries,
    private readonly readContent: ReadReferralContent,
    private readonly acknowledgeReferral: AcknowledgeReferral,
    private readonly disposeReferral: DisposeReferral,
  ) {}

  @Post('findings/:id/referrals')
  @Allow('inspection_office')
  @ApiOperation({ summary: '将已签字的问题移交有管辖权的机关（线索加密给受理机关）' })
  @ApiCreatedResponse({ type: ReferralView })
  @ApiRefusals(404, 409)
  make(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReferralDto,
    @CurrentUser() user: Principal,
  ): Promise<ReferralView> {
    return this.makeReferral.execute(id, dto, user);
  }

  /** Sent: open, overdue, disposed and the disposal rate; received: what awaits this node. */
  @Get('referrals')
  @Allow('inspection_office', 'leading_group', 'receiving_body')
  @ApiOperation({ summary: '查看移出和收到的移交及办理情况统计' })
  @ApiOkResponse({ type: ReferralListView })
  list(): Promise<ReferralListView> {
    return this.queries.list();
  }

  @Get('referrals/:id/content')
  @Allow('receiving_body')
  @ApiOperation({ summary: '受理机关打开移交内容（解密，记入审计日志）' })
  @ApiOkResponse({ type: ReferralContentView })
  @ApiRefusals(404, 409)
  content(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: Principal,
  ): Promise<ReferralContentView> {
    return this.readContent.execute(id, user);
  }

  @Post('referrals/:id/acknowledge')
  @Allow('receiving_body', 'inspection_office')
  @ApiOperation({ summary: '签收收到的移交' })
  @ApiCreatedResponse({ type: ReferralView })
  @ApiRefusals(404)
  acknowledge(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: Principal,
  ): Promise<ReferralView> {
    return this.acknowledgeReferral.execute(id, user);
  }

  @Post('referrals/:id/disposition')
  @Allow('receiving_body')
  @ApiOperation({ summary: '填写移交的处置情况（须先签收）' })
  @ApiCreatedResponse({ type: ReferralView })
  @ApiRefusals(404, 409)
  dispose(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DispositionDto,
    @CurrentUser() user: Principal,
  ): Promise<ReferralView> {
    return this.disposeReferral.execute(id, dto, user);
  }
}
