import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { RoundQuery } from '../rounds/round.dto';
import {
  FeedbackDto,
  HandBackDto,
  InspectionDetailView,
  InspectionView,
  MyInspectionView,
  ScheduleInspectionDto,
  TeamDto,
} from './inspection.dto';
import { InspectionQueries } from './inspection.queries';
import { FormTeam } from './use-cases/form-team.usecase';
import { GiveFeedback } from './use-cases/give-feedback.usecase';
import { HandBackSupervision } from './use-cases/hand-back-supervision.usecase';
import { ScheduleInspection } from './use-cases/schedule-inspection.usecase';

@ApiTags('rounds and inspections (轮次与巡察)')
@Controller()
@Allow('inspection_office', 'leading_group', 'viewer')
export class InspectionsController {
  constructor(
    private readonly scheduleInspection: ScheduleInspection,
    private readonly formTeam: FormTeam,
    private readonly giveFeedback: GiveFeedback,
    private readonly handBackSupervision: HandBackSupervision,
    private readonly queries: InspectionQueries,
  ) {}

  @Post('rounds/:id/inspections')
  @Allow('inspection_office')
  @ApiOperation({ summary: '在轮次中安排巡察（本级对象，或下级对象的提级巡察）' })
  @ApiCreatedResponse({ type: InspectionView })
  @ApiRefusals(404, 409)
  schedule(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ScheduleInspectionDto,
    @CurrentUser() user: Principal,
  ): Promise<InspectionView> {
    return this.scheduleInspection.execute(id, dto, actorOf(user));
  }

  @Get('inspections')
  @ApiOperation({ summary: '巡察列表（可按轮次筛选）' })
  @ApiOkResponse({ type: [InspectionView] })
  list(@Query() query: RoundQuery): Promise<InspectionView[]> {
    return this.queries.list(query);
  }

  @Get('inspections/mine')
  @Allow('team_member', 'team_leader')
  @ApiOperation({ summary: '我的巡察：本人所在巡察组的巡察及本人在组内的角色' })
  @ApiOkResponse({ type: [MyInspectionView] })
  mine(@CurrentUser() user: Principal): Promise<MyInspectionView[]> {
    return this.queries.mine(user.username);
  }

  @Get('inspections/:id')
  @Allow('inspection_office', 'leading_group', 'viewer', 'team_member', 'team_leader')
  @ApiOperation({ summary: '巡察详情及巡察组（巡察组成员只能查看本组的巡察）' })
  @ApiOkResponse({ type: InspectionDetailView })
  @ApiRefusals(403, 404)
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: Principal,
  ): Promise<InspectionDetailView> {
    return this.queries.detailFor(id, user);
  }

  @Put('inspections/:id/team')
  @Allow('inspection_office')
  @ApiOperation({ summary: '组建巡察组（组长、副组长、成员；检查回避）' })
  @ApiOkResponse({ type: InspectionDetailView })
  @ApiRefusals(404, 409)
  setTeam(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TeamDto,
    @CurrentUser() user: Principal,
  ): Promise<InspectionDetailView> {
    return this.formTeam.execute(id, dto, actorOf(user));
  }

  @Post('inspections/:id/feedback')
  @Allow('inspection_office')
  @ApiOperation({ summary: '反馈：巡察完成，计入被巡察对象所在节点的全覆盖' })
  @ApiCreatedResponse({ type: InspectionView })
  @ApiRefusals(404, 409)
  feedback(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FeedbackDto,
    @CurrentUser() user: Principal,
  ): Promise<InspectionView> {
    return this.giveFeedback.execute(id, dto, actorOf(user));
  }

  @Post('inspections/:id/hand-back')
  @Allow('inspection_office')
  @ApiOperation({ summary: '移交整改监督（提级巡察、交叉巡察反馈后）' })
  @ApiCreatedResponse({ type: InspectionView })
  @ApiRefusals(404, 409)
  handBack(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: HandBackDto,
    @CurrentUser() user: Principal,
  ): Promise<InspectionView> {
    return this.handBackSupervision.execute(id, dto, actorOf(user));
  }
}
