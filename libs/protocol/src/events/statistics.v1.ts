import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

/** The years a statistics report may be for. */
export const STATISTICS_FIRST_YEAR = 2000;
export const STATISTICS_LAST_YEAR = 2100;

/** The most figures one form may define (each line of the form is one key). */
export const STATISTICS_MAX_FIGURES = 200;

/**
 * One line of a statistics form: its key (form v1's keys are libs/statistics' `FORM_V1`,
 * e.g. `inspected.category.village`) and its value, a count.
 */
export class StatisticsFigureV1 {
  @IsString()
  @Matches(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/)
  @Length(1, 100)
  key!: string;

  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  value!: number;
}

class StatisticsYearV1 {
  @IsInt()
  @Min(STATISTICS_FIRST_YEAR)
  @Max(STATISTICS_LAST_YEAR)
  year!: number;

  /** Version N of this node's report for the year: 1, 2, … each submission one more. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  version!: number;
}

/**
 * 报送: a node submits version `version` of its annual statistics (年度统计) for `year` to its
 * parent — its own figures and its subtree's (own + each child's latest accepted report),
 * frozen at submission. `reason` says why a report already accepted is corrected.
 */
export class StatisticsSubmittedV1 extends StatisticsYearV1 {
  static readonly type = 'statistics.submitted.v1';

  /** The version of central's statistics form the figures are keyed by. */
  @IsInt()
  @Min(1)
  @Max(1000)
  formVersion!: number;

  @IsDateString({ strict: true })
  submittedAt!: string;

  @IsString()
  @Length(1, 100)
  submittedBy!: string;

  /** Required when a version of the year was accepted before (a correction); else null. */
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason!: string | null;

  @IsArray()
  @ArrayMaxSize(STATISTICS_MAX_FIGURES)
  @ValidateNested({ each: true })
  @Type(() => StatisticsFigureV1)
  own!: StatisticsFigureV1[];

  @IsArray()
  @ArrayMaxSize(STATISTICS_MAX_FIGURES)
  @ValidateNested({ each: true })
  @Type(() => StatisticsFigureV1)
  subtree!: StatisticsFigureV1[];
}

/** 审核通过: the parent accepts version `version` of the child's report; it is locked. */
export class StatisticsAcceptedV1 extends StatisticsYearV1 {
  static readonly type = 'statistics.accepted.v1';

  @IsDateString({ strict: true })
  acceptedAt!: string;

  @IsString()
  @Length(1, 100)
  acceptedBy!: string;
}

/** 退回: the parent returns version `version` with a reason; the child may submit again. */
export class StatisticsReturnedV1 extends StatisticsYearV1 {
  static readonly type = 'statistics.returned.v1';

  @IsDateString({ strict: true })
  returnedAt!: string;

  @IsString()
  @Length(1, 100)
  returnedBy!: string;

  @IsString()
  @Length(1, 2000)
  reason!: string;
}
