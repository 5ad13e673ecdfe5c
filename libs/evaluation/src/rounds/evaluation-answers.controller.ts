import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiRefusals, Public } from '@liandong/access';
import { EvaluationCodeDto, SubmitEvaluationAnswerDto } from './evaluation.dto';
import { EvaluationFormView, EvaluationReceiptView } from './evaluation.views';
import { SubmitEvaluationAnswer } from './use-cases/submit-evaluation-answer.usecase';

/**
 * The public answering page's two calls: no sign-in, a one-time code instead. The code travels
 * in the body (never in a URL that a log would keep); wrong codes are throttled per address.
 */
@ApiTags('evaluation (后评估)')
@Controller('evaluation/answer')
@Public()
export class EvaluationAnswersController {
  constructor(private readonly submit: SubmitEvaluationAnswer) {}

  @Post('form')
  @HttpCode(200)
  @ApiOperation({ summary: '凭评价码打开问卷（无需登录）' })
  @ApiRefusals(400, 404, 409, 429)
  @ApiOkResponse({ type: EvaluationFormView })
  form(@Body() dto: EvaluationCodeDto, @Ip() address: string): Promise<EvaluationFormView> {
    return this.submit.form(dto, address);
  }

  @Post()
  @ApiOperation({
    summary: '提交评价（无需登录；每个评价码只能提交一次；不记录填写人）',
    description:
      'Stored without the code, the user, the address or a time finer than the day; the code is marked used.',
  })
  @ApiRefusals(400, 404, 409, 429)
  @ApiCreatedResponse({ type: EvaluationReceiptView })
  answer(
    @Body() dto: SubmitEvaluationAnswerDto,
    @Ip() address: string,
  ): Promise<EvaluationReceiptView> {
    return this.submit.execute(dto, address);
  }
}
