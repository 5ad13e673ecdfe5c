import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { FindingDto, FindingRevisionDto } from '../dto/finding.dto';
import { FindingTrailEntryView, FindingView } from '../dto/finding.views';
import { FindingQueries } from './finding.queries';
import { DraftFinding } from './use-cases/draft-finding.usecase';
import { ReviseFinding } from './use-cases/revise-finding.usecase';

@ApiTags('findings and reports (问题底稿与巡视报告)')
@Controller()
export class FindingsController {
  constructor(
    private readonly draftFinding: DraftFinding,
    private readonly reviseFinding: ReviseFinding,
    private readonly queries: FindingQueries,
  ) {}

  @Post('inspections/:id/findings')
  @Allow('team_member', 'team_leader')
  @ApiOperation({ summary: '起草问题底稿（本巡察组成员）' })
  @ApiCreatedResponse({ type: FindingView })
  @ApiRefusals(404, 409)
  draft(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FindingDto,
    @CurrentUser() user: Principal,
  ): Promise<FindingView> {
    return this.draftFinding.execute(id, dto, user);
  }

  @Get('inspections/:id/findings')
  @Allow('team_member', 'team_leader', 'inspection_office', 'leading_group')
  @ApiOperation({ summary: '查看一项巡察的全部问题及其证据材料清单' })
  @ApiOkResponse({ type: [FindingView] })
  list(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: Principal,
  ): Promise<FindingView[]> {
    return this.queries.list(id, user);
  }

  @Get('findings/:id')
  @Allow('team_member', 'team_leader', 'inspection_office', 'leading_group')
  @ApiOperation({ summary: '查看一个问题底稿及其证据材料清单' })
  @ApiOkResponse({ type: FindingView })
  @ApiRefusals(403, 404)
  one(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: Principal,
  ): Promise<FindingView> {
    return this.queries.one(id, user);
  }

  @Get('findings/:id/trail')
  @Allow('team_member', 'team_leader', 'inspection_office', 'leading_group')
  @ApiOperation({ summary: '问题的留痕：谁在何时起草、上传、审核、签字、退回、撤回、查阅' })
  @ApiOkResponse({ type: [FindingTrailEntryView] })
  @ApiRefusals(403, 404)
  trail(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: Principal,
  ): Promise<FindingTrailEntryView[]> {
    return this.queries.trail(id, user);
  }

  @Patch('findings/:id')
  @Allow('team_member', 'team_leader')
  @ApiOperation({ summary: '修改问题草稿（标题、事实、定性依据）' })
  @ApiOkResponse({ type: FindingView })
  @ApiRefusals(404, 409)
  revise(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FindingRevisionDto,
    @CurrentUser() user: Principal,
  ): Promise<FindingView> {
    return this.reviseFinding.execute(id, dto, user);
  }
}
