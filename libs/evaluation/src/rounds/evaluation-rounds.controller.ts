import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { OpenEvaluationRoundDto } from './evaluation.dto';
import { EvaluationQueries } from './evaluation.queries';
import {
  EvaluableInspectionView,
  EvaluationRoundView,
  OpenedEvaluationRoundView,
  QuestionnaireView,
} from './evaluation.views';
import { CloseEvaluationRound } from './use-cases/close-evaluation-round.usecase';
import { OpenEvaluationRound } from './use-cases/open-evaluation-round.usecase';

@ApiTags('evaluation (后评估)')
@Controller('evaluation')
@Allow('inspection_office', 'leading_group')
export class EvaluationRoundsController {
  constructor(
    private readonly queries: EvaluationQueries,
    private readonly openRound: OpenEvaluationRound,
    private readonly closeRound: CloseEvaluationRound,
  ) {}

  @Get('questionnaire')
  @ApiOperation({ summary: '巡视巡察组纪律作风后评估问卷（中央制定，现行版本）' })
  @ApiOkResponse({ type: QuestionnaireView })
  questionnaire(): QuestionnaireView {
    return this.queries.questionnaire();
  }

  @Get('inspections')
  @ApiOperation({
    summary: '本级党组织已反馈的巡视巡察（含上级提级、交叉巡察）及其后评估',
    description: 'Newest feedback first; each with its questionnaire round, if one was opened.',
  })
  @ApiOkResponse({ type: [EvaluableInspectionView] })
  inspections(): Promise<EvaluableInspectionView[]> {
    return this.queries.inspections();
  }

  @Post('rounds')
  @Allow('inspection_office')
  @ApiOperation({
    summary: '发起后评估：生成一次性评价码（只显示这一次，请打印分发）',
    description:
      'One round per inspection, after feedback, by the office of the inspected organization’s node. The codes are returned once; only their SHA-256 is stored.',
  })
  @ApiRefusals(400, 404, 409)
  @ApiCreatedResponse({ type: OpenedEvaluationRoundView })
  open(
    @CurrentUser() user: Principal,
    @Body() dto: OpenEvaluationRoundDto,
  ): Promise<OpenedEvaluationRoundView> {
    return this.openRound.execute(dto, user);
  }

  @Get('rounds/:id')
  @ApiOperation({
    summary: '一次后评估：收到份数；结束后的统计结果（不足 5 份不予统计）',
  })
  @ApiRefusals(404)
  @ApiOkResponse({ type: EvaluationRoundView })
  round(@Param('id', ParseUUIDPipe) id: string): Promise<EvaluationRoundView> {
    return this.queries.round(id);
  }

  @Post('rounds/:id/close')
  @Allow('inspection_office')
  @ApiOperation({
    summary: '结束评价并统计：达到 5 份的结果报送实施巡视巡察的机构',
    description:
      'Closed once, never reopened. With at least MIN_ANSWERS (5) answers the aggregate is kept and sent to the conducting node (evaluation.aggregated.v1), or kept in this node’s team records for its own team; under it nothing is counted.',
  })
  @ApiRefusals(404, 409)
  @ApiCreatedResponse({ type: EvaluationRoundView })
  close(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<EvaluationRoundView> {
    return this.closeRound.execute(id, user);
  }
}
