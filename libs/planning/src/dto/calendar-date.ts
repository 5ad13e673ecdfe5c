import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

const MESSAGE = { message: '$property must be a date like 2026-12-01' };

/** A calendar day written YYYY-MM-DD that exists (2026-13-01 and 2026-02-30 are refused). */
export function IsCalendarDate(): PropertyDecorator {
  return applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, MESSAGE),
    IsISO8601({ strict: true }, MESSAGE),
  );
}
