import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { CreateRoundDto, RoundDetailView, RoundView } from './round.dto';
import { RoundQueries } from './round.queries';
import { CreateRound } from './use-cases/create-round.usecase';

@ApiTags('rounds and inspections (轮次与巡察)')
@Controller()
@Allow('inspection_office', 'leading_group', 'viewer')
export class RoundsController {
  constructor(
    private readonly createRoundUseCase: CreateRound,
    private readonly queries: RoundQueries,
  ) {}

  @Post('rounds')
  @Allow('inspection_office')
  @ApiOperation({ summary: '建立轮次（可带动下级开展巡视带巡察）' })
  @ApiCreatedResponse({ type: RoundView })
  @ApiRefusals(409)
  createRound(@Body() dto: CreateRoundDto, @CurrentUser() user: Principal): Promise<RoundView> {
    return this.createRoundUseCase.execute(dto, actorOf(user));
  }

  @Get('rounds')
  @ApiOperation({ summary: '轮次列表' })
  @ApiOkResponse({ type: [RoundView] })
  listRounds(): Promise<RoundView[]> {
    return this.queries.list();
  }

  /** A round with its linked children, its inspections and the results reported under it. */
  @Get('rounds/:id')
  @ApiOperation({ summary: '轮次详情：联动的下级、本级巡察和上报的结果' })
  @ApiOkResponse({ type: RoundDetailView })
  @ApiRefusals(404)
  getRound(@Param('id', ParseUUIDPipe) id: string): Promise<RoundDetailView> {
    return this.queries.detail(id);
  }
}
