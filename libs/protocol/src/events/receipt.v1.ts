import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { REFUSAL_CODES, RefusalCode } from '../errors';

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
