import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '@liandong/access';
import { NodeEngagementFiguresView, OversightFiguresView } from './figures.views';
import { OversightFiguresQueries } from './figures.queries';

@ApiTags('oversight (指导督导)')
@Controller('oversight/figures')
@Allow('inspection_office', 'leading_group', 'viewer')
export class OversightFiguresController {
  constructor(private readonly queries: OversightFiguresQueries) {}

  @Get()
  @ApiOperation({
    summary: '指导督导统计：本级开展的督导及督导意见答复情况，本级及下级合计、各下级',
  })
  @ApiOkResponse({ type: OversightFiguresView })
  figures(): Promise<OversightFiguresView> {
    return this.queries.figures();
  }

  @Get('overseen')
  @ApiOperation({
    summary: '本级开展的指导督导按被督导下级统计：督导项数及督导意见待答复、已答复、逾期情况',
  })
  @ApiOkResponse({ type: [NodeEngagementFiguresView] })
  overseen(): Promise<NodeEngagementFiguresView[]> {
    return this.queries.byOverseen();
  }
}
