import { IsDateString, IsInt, IsString, IsUUID, Length, Max, Min } from 'class-validator';

/**
 * 专题报告 to an ancestor: a node reports on a subject its inspections found, resting on its
 * own findings (counted, never carried: the findings stay with the node).
 */
export class SpecialReportSubmittedV1 {
  static readonly type = 'report.special_submitted.v1';

  @IsUUID()
  reportId!: string;

  @IsString()
  @Length(1, 200)
  title!: string;

  @IsString()
  @Length(1, 20000)
  body!: string;

  /** How many of the sender's signed findings the report rests on. */
  @IsInt()
  @Min(0)
  @Max(1000)
  findingCount!: number;

  @IsDateString({ strict: true })
  submittedAt!: string;

  @IsString()
  @Length(1, 100)
  submittedBy!: string;
}
