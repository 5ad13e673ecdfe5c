import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { EVALUATION_MAX_CODES } from '@liandong/protocol';

/** 发起后评估: for which inspection (given feedback), and how many cadres are asked. */
export class OpenEvaluationRoundDto {
  @ApiProperty({ format: 'uuid', description: '已反馈的巡视巡察（本级被巡察党组织的）' })
  @IsUUID()
  inspectionId!: string;

  @ApiProperty({
    example: 30,
    minimum: 1,
    maximum: EVALUATION_MAX_CODES,
    description: '发放评价码的份数（每位参评干部一个，每个码只能提交一次）',
  })
  @IsInt()
  @Min(1)
  @Max(EVALUATION_MAX_CODES)
  codes!: number;
}

/** A code as printed on the slip (dashes and spaces are ignored, case too). */
export class EvaluationCodeDto {
  @ApiProperty({ example: 'KMQ7-A3XD-TW9H', description: '评价码' })
  @IsString()
  @Length(1, 40)
  code!: string;
}

/** 提交评价: the code, a choice for every item, and the comment if any. */
export class SubmitEvaluationAnswerDto extends EvaluationCodeDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      oneOf: [
        { type: 'integer', minimum: 1, maximum: 5 },
        { type: 'string', enum: ['yes', 'no'] },
      ],
    },
    example: { eight_rules: 5, no_exactions: 'no' },
    description: '每一题的选择：评分题 1（很不满意）至 5（很满意），是否题 yes（有）或 no（没有）',
  })
  @IsObject()
  choices!: Record<string, number | 'yes' | 'no'>;

  @ApiPropertyOptional({ example: '巡察组工作扎实，作风严谨。', description: '意见建议（选填）' })
  @IsOptional()
  @IsString()
  @Length(0, 1000)
  comment?: string;
}
