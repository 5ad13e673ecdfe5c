import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { AnswerDto } from './request.dto';
import { InformationRequestView } from './request.views';
import { AnswerRequest } from './use-cases/answer-request.usecase';

/** The asked side: the receiving body answers, sealed to the requesting inspection's team. */
@ApiTags('information requests (巡前信息沟通 · 巡中监督手段支持)')
@Controller()
export class ReceivedRequestsController {
  constructor(private readonly answerRequest: AnswerRequest) {}

  @Post('information-requests/:id/answer')
  @Allow('receiving_body')
  @ApiOperation({ summary: '被征询的机关答复请求（情况说明和附件加密给提出请求的巡察组）' })
  @ApiCreatedResponse({ type: InformationRequestView })
  @ApiRefusals(400, 404, 409)
  answer(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AnswerDto,
    @CurrentUser() user: Principal,
  ): Promise<InformationRequestView> {
    return this.answerRequest.execute(id, dto, user);
  }
}
