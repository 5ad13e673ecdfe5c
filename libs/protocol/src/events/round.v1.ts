import { IsCalendarDate } from '../validation';
import { IsDateString, IsIn, IsString, IsUUID, Length } from 'class-validator';

/** 常规 / 专项 / 机动 / 回头看. */
export const ROUND_TYPES = ['regular', 'thematic', 'mobile', 'follow_up'] as const;
export type RoundType = (typeof ROUND_TYPES)[number];

/** A round's shape, carried by every event that makes a node open a round of its own for it. */
export class RoundShapeV1 {
  @IsUUID()
  roundId!: string;

  @IsIn(ROUND_TYPES)
  type!: RoundType;

  @IsString()
  @Length(1, 200)
  theme!: string;

  /** First and last day of the round's window (calendar dates, China Standard Time). */
  @IsCalendarDate()
  windowStart!: string;

  @IsCalendarDate()
  windowEnd!: string;
}

/** 巡视带巡察: a node asks its children for linked rounds on the same theme and window. */
export class RoundLinkedV1 extends RoundShapeV1 {
  static readonly type = 'round.linked.v1';
}

/** A child opened its round for a parent's linked round; its inspections report under it. */
export class RoundLinkAcknowledgedV1 {
  static readonly type = 'round.link_acknowledged.v1';

  @IsUUID()
  parentRoundId!: string;

  @IsUUID()
  roundId!: string;

  @IsDateString({ strict: true })
  acknowledgedAt!: string;
}
