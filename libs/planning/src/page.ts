import type { Response } from 'express';

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
export async function withTotal<T>(response: Response, page: Promise<Page<T>>): Promise<T[]> {
  const { rows, total } = await page;
  response.setHeader('X-Total-Count', String(total));
  return rows;
}
