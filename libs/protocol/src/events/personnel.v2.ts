import { IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { IsCalendarDate, IsNotBlank } from '../validation';

/**
 * 上挂下派, version 2: the borrowing node names the kind of person it wants (`wanted`) and the
 * lending node nominates whom it sends when it approves; it may still name a person it knows
 * (`personId`), who is then the only one the approval may carry. `wanted` is required when no
 * person is named.
 */
export class SecondmentRequestedV2 {
  static readonly type = 'secondment.requested.v2';

  @IsUUID()
  secondmentId!: string;

  @IsOptional()
  @IsUUID()
  personId?: string | null;

  @ValidateIf((o: SecondmentRequestedV2) => o.personId == null || o.wanted != null)
  @IsString()
  @IsNotBlank()
  @Length(1, 200)
  wanted?: string | null;

  @IsCalendarDate()
  from!: string;

  @IsCalendarDate()
  to!: string;

  @IsString()
  @Length(1, 500)
  purpose!: string;
}
