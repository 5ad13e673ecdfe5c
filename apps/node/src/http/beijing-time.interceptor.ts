import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  StreamableFile,
} from '@nestjs/common';
import { map, Observable } from 'rxjs';

const UTC_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;
const EIGHT_HOURS = 8 * 3600_000;

/** An instant as Beijing time: 2026-12-01T17:30:00.000+08:00 (the same instant as …09:30:00.000Z). */
export function beijingTimestamp(date: Date): string {
  return `${new Date(date.getTime() + EIGHT_HOURS).toISOString().slice(0, -1)}+08:00`;
}

function convert(value: unknown, depth: number): unknown {
  if (depth > 40) return value;
  if (value instanceof Date) return beijingTimestamp(value);
  if (typeof value === 'string') {
    return UTC_TIMESTAMP.test(value) ? beijingTimestamp(new Date(value)) : value;
  }
  if (Array.isArray(value)) return value.map((item) => convert(item, depth + 1));
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, convert(item, depth + 1)]),
    );
  }
  return value;
}

/**
 * Every timestamp the API returns is written in Beijing time (+08:00), the time its
 * readers live in; the instant is unchanged, so programs read it as before. Calendar dates
 * (YYYY-MM-DD) are already China dates and stay as they are.
 */
@Injectable()
export class BeijingTimeInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(map((body: unknown) => (body instanceof StreamableFile ? body : convert(body, 0))));
  }
}
