import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import {
  ApproveDto,
  DeclineDto,
  SecondmentDto,
  SecondmentPartnerView,
  SecondmentView,
} from './personnel.dto';
import { PersonnelQueries } from './personnel.queries';
import { ApproveSecondment } from './use-cases/approve-secondment.usecase';
import { DeclineSecondment } from './use-cases/decline-secondment.usecase';
import { RequestSecondment } from './use-cases/request-secondment.usecase';

@ApiTags('personnel pool and secondment (干部人才库与上挂下派)')
@Controller()
@Allow('inspection_office', 'leading_group')
export class SecondmentsController {
  constructor(
    private readonly requestSecondment: RequestSecondment,
    private readonly approveSecondment: ApproveSecondment,
    private readonly declineSecondment: DeclineSecondment,
    private readonly queries: PersonnelQueries,
  ) {}

  @Post('secondments')
  @Allow('inspection_office')
  @ApiOperation({ summary: '申请借调人员（上挂下派，向上级或下级借调）' })
  @ApiCreatedResponse({ type: SecondmentView })
  @ApiRefusals(409)
  request(@Body() dto: SecondmentDto, @CurrentUser() user: Principal): Promise<SecondmentView> {
    return this.requestSecondment.execute(dto, actorOf(user));
  }

  @Get('secondments')
  @ApiOperation({ summary: '借调申请列表（借入和借出）' })
  @ApiOkResponse({ type: [SecondmentView] })
  secondments(): Promise<SecondmentView[]> {
    return this.queries.secondments();
  }

  @Get('secondments/partners')
  @ApiOperation({ summary: '可借调的节点（本级的上级和下级）' })
  @ApiOkResponse({ type: [SecondmentPartnerView] })
  partners(): Promise<SecondmentPartnerView[]> {
    return this.queries.partners();
  }

  @Post('secondments/:id/approve')
  @Allow('inspection_office')
  @ApiOperation({ summary: '同意借调（借出方，从本级人才库选定借出的人员）' })
  @ApiCreatedResponse({ type: SecondmentView })
  @ApiRefusals(400, 404, 409)
  approve(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ApproveDto,
    @CurrentUser() user: Principal,
  ): Promise<SecondmentView> {
    return this.approveSecondment.execute(id, dto, actorOf(user));
  }

  @Post('secondments/:id/decline')
  @Allow('inspection_office')
  @ApiOperation({ summary: '拒绝借调（借出方，须说明理由）' })
  @ApiCreatedResponse({ type: SecondmentView })
  @ApiRefusals(404, 409)
  decline(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DeclineDto,
    @CurrentUser() user: Principal,
  ): Promise<SecondmentView> {
    return this.declineSecondment.execute(id, dto, actorOf(user));
  }
}
