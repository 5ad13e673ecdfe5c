import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

/**
 * 后评估: the fewest answers a questionnaire round must have for its aggregate to be shown or
 * sent anywhere. Under it, nothing but "答卷不足 5 份，不予统计" and the count is shown.
 */
export const EVALUATION_MIN_ANSWERS = 5;

/** The most answer codes one round may hand out (one for each cadre asked). */
export const EVALUATION_MAX_CODES = 500;

/**
 * One item of the questionnaire, aggregated: how many answers gave each choice (a rating item:
 * `counts[0]` for 1 很不满意 … `counts[4]` for 5 很满意; a yes/no item: `[yes, no]`), the mean
 * rating (null for yes/no) and the share of satisfactory answers in percent (ratings 4 and 5;
 * for yes/no the answer the questionnaire names as good).
 */
export class EvaluationItemAggregateV1 {
  @IsString()
  @Matches(/^[a-z][a-z0-9_]*$/)
  @Length(1, 60)
  key!: string;

  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(EVALUATION_MAX_CODES, { each: true })
  counts!: number[];

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(1)
  @Max(5)
  mean!: number | null;

  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0)
  @Max(100)
  satisfiedShare!: number;
}

/**
 * 后评估结果: the node that hosts the inspected organization closed the questionnaire round on
 * the team's discipline and conduct after feedback, with at least `EVALUATION_MIN_ANSWERS`
 * answers, and sends the aggregate — never an answer — to the node that conducted the
 * inspection. Comments are the free-text answers, in no particular order, without anything
 * that ties them to an answer.
 */
export class EvaluationAggregatedV1 {
  static readonly type = 'evaluation.aggregated.v1';

  @IsUUID()
  inspectionId!: string;

  @IsUUID()
  roundId!: string;

  @IsInt()
  @Min(1)
  @Max(1000)
  questionnaireVersion!: number;

  @IsInt()
  @Min(1)
  @Max(EVALUATION_MAX_CODES)
  codesIssued!: number;

  @IsInt()
  @Min(EVALUATION_MIN_ANSWERS)
  @Max(EVALUATION_MAX_CODES)
  answers!: number;

  /** The day the round was closed (China Standard Time), YYYY-MM-DD. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  closedOn!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvaluationItemAggregateV1)
  items!: EvaluationItemAggregateV1[];

  @IsArray()
  @ArrayMaxSize(EVALUATION_MAX_CODES)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  comments!: string[];
}
