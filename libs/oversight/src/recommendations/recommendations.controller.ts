import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { AnswerRecommendationDto } from '../engagements/engagement.dto';
import { OversightRecommendationView } from '../engagements/engagement.views';
import { AnswerRecommendation } from './use-cases/answer-recommendation.usecase';

@ApiTags('oversight (指导督导)')
@Controller('oversight/recommendations')
@Allow('inspection_office')
export class RecommendationsController {
  constructor(private readonly answerRecommendation: AnswerRecommendation) {}

  @Post(':id/answer')
  @ApiOperation({ summary: '逐条答复督导意见：说明整改了什么' })
  @ApiRefusals(404, 409)
  @ApiCreatedResponse({ type: OversightRecommendationView })
  answer(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AnswerRecommendationDto,
  ): Promise<OversightRecommendationView> {
    return this.answerRecommendation.execute(id, dto, actorOf(user));
  }
}
