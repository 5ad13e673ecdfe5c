import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** A page of a listing: at most 1,000 rows. The total goes in the X-Total-Count header. */
export class PageQuery {
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ default: 0, maximum: 100_000_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  offset?: number;
}

/** One page of a listing, and how many match in all. */
export interface Page<T> {
  rows: T[];
  total: number;
}

/** The OpenAPI header of a paged listing. */
export const TOTAL_COUNT_HEADER = {
  'X-Total-Count': {
    description: 'how many match in all (the page holds at most `limit`)',
    schema: { type: 'integer' as const },
  },
};

/** Answers a page's rows, its total in the X-Total-Count header. */
export async function withTotal<T>(
  response: { setHeader(name: string, value: string): unknown },
  page: Promise<Page<T>>,
): Promise<T[]> {
  const { rows, total } = await page;
  response.setHeader('X-Total-Count', String(total));
  return rows;
}
