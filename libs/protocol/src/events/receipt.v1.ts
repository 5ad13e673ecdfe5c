import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { REFUSAL_CODES, RefusalCode } from '../errors';
import { MAX_SEQUENCE } from '../limits';
import { IsNodeId } from '../validation';

export const RECEIPT_OUTCOMES = ['applied', 'duplicate', 'rejected', 'dead_lettered'] as const;
export type ReceiptOutcome = (typeof RECEIPT_OUTCOMES)[number];

/**
 * 回执: what a receiver did with an envelope. Sent to the node that put the envelope on
 * the wire (and to its issuer when that is another node). Receipts are not sequenced and
 * are never themselves receipted.
 */
export class ReceiptV1 {
  static readonly type = 'receipt.v1';

  @IsUUID()
  eventId!: string;

  @IsIn(RECEIPT_OUTCOMES)
  outcome!: ReceiptOutcome;

  @IsOptional()
  @IsIn(REFUSAL_CODES)
  reasonCode!: RefusalCode | null;

  @IsOptional()
  @IsString()
  @Length(0, 2000)
  reason!: string | null;
}

/** The most events one range receipt settles. */
export const MAX_RANGE_RECEIPT_EVENTS = 1000;

/** An event of a range receipt's run that the receiver refused: why. */
export class RangeRefusalV1 {
  @IsUUID()
  eventId!: string;

  @IsIn(['rejected', 'dead_lettered'])
  outcome!: 'rejected' | 'dead_lettered';

  @IsIn(REFUSAL_CODES)
  reasonCode!: RefusalCode;

  @IsString()
  @Length(0, 2000)
  reason!: string;
}

/**
 * 区间回执 (protocol 1.1, §6.1): one receipt settling a run of consecutive sequence numbers
 * of one (issuer, audience) sequence — `eventIds[i]` carries `fromSeq + i` — every one of them
 * applied but those listed in `refused`. Sent only to a node that announced protocol 1.1.
 */
export class ReceiptRangeV1 {
  static readonly type = 'receipt.range.v1';

  @IsNodeId()
  issuer!: string;

  @Matches(/^(node|subtree):\d{6}$/)
  audience!: string;

  @IsInt()
  @Min(1)
  @Max(MAX_SEQUENCE)
  fromSeq!: number;

  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_RANGE_RECEIPT_EVENTS)
  @IsUUID('all', { each: true })
  eventIds!: string[];

  @IsArray()
  @ArrayMaxSize(MAX_RANGE_RECEIPT_EVENTS)
  @ValidateNested({ each: true })
  @Type(() => RangeRefusalV1)
  refused!: RangeRefusalV1[];
}
