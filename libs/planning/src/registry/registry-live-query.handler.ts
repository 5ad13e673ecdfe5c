import { Injectable, OnModuleInit } from '@nestjs/common';
import { LiveQueries } from '@liandong/messaging';
import { hasForbiddenText } from '@liandong/protocol';
import { CATEGORY_CODES } from '../categories';
import { planningRefusal } from '../planning.errors';
import { REGISTRY_QUERY_LIMIT } from './descendant-registry.dto';
import { RegistryQueries } from './registry.queries';
import { RegistryAnswer, RegistryQueryBody } from './remote-registry';

/** Text a person may have typed: no NUL, control characters or lone surrogates; not too long. */
const plainText = (value: unknown, max: number) =>
  typeof value === 'string' && value.length >= 1 && value.length <= max && !hasForbiddenText(value);

/** Checks a query body from another node as strictly as a request from a person. */
function checkBody(body: unknown): RegistryQueryBody {
  const bad = (field: string) =>
    planningRefusal(
      'INVALID_QUERY',
      { zh: `查询条件 ${field} 不符合规定`, en: `the query's ${field} is not valid` },
      400,
    );
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('body');
  const { q, code, category, limit, ...rest } = body as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) throw bad(extra.join(', '));
  if (q !== undefined && !plainText(q, 100)) throw bad('q');
  if (code !== undefined && !plainText(code, 64)) throw bad('code');
  if (category !== undefined && !CATEGORY_CODES.includes(category as never)) throw bad('category');
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > REGISTRY_QUERY_LIMIT)
    throw bad('limit');
  return body as RegistryQueryBody;
}

/** This node answers its ancestors' `registry` live queries (protocol.md §10) from its registry. */
@Injectable()
export class RegistryLiveQueryHandler implements OnModuleInit {
  constructor(
    private readonly registry: RegistryQueries,
    private readonly liveQueries: LiveQueries,
  ) {}

  onModuleInit(): void {
    this.liveQueries.answer<unknown, RegistryAnswer>('registry', async (body) =>
      this.registry.search(checkBody(body)),
    );
  }
}
