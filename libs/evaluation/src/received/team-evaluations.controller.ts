import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, ApiRefusals } from '@liandong/access';
import { TeamRecordView } from '../rounds/evaluation.views';
import { TeamEvaluationQueries } from './team-evaluation.queries';

@ApiTags('evaluation (后评估)')
@Controller('evaluation/teams')
@Allow('inspection_office', 'leading_group')
export class TeamEvaluationsController {
  constructor(private readonly queries: TeamEvaluationQueries) {}

  @Get()
  @ApiOperation({
    summary: '本级巡视巡察组收到的后评估结果（按组长，历次汇总）',
    description: 'Only aggregates of rounds with at least 5 answers ever reach this node.',
  })
  @ApiOkResponse({ type: [TeamRecordView] })
  teams(): Promise<TeamRecordView[]> {
    return this.queries.teams();
  }

  @Get(':leaderId')
  @ApiOperation({ summary: '一个巡视巡察组（按组长）的历次后评估结果' })
  @ApiRefusals(404)
  @ApiOkResponse({ type: TeamRecordView })
  team(@Param('leaderId', ParseUUIDPipe) leaderId: string): Promise<TeamRecordView> {
    return this.queries.team(leaderId);
  }
}
