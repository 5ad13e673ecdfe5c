import type { ApiPropertyOptions } from '@nestjs/swagger';

/**
 * What the planning DTOs and views share. The views are what the planning routes answer,
 * member by member: the OpenAPI contract a client is generated from. Mappers fill them
 * from entities explicitly (no spreading of rows).
 */

/** A node: its six-digit division code. */
export const NODE = /^\d{6}$/;
export const NODE_MESSAGE = { message: '$property must be a six-digit division code' };
export const NODE_EXAMPLE = { example: '130121' };

/** A calendar day in China Standard Time, YYYY-MM-DD. */
export const day = (extra: ApiPropertyOptions = {}): ApiPropertyOptions =>
  ({ type: String, format: 'date', example: '2026-12-01', ...extra }) as ApiPropertyOptions;

/** An instant, written in Beijing time by the API. */
export const instant = (extra: ApiPropertyOptions = {}): ApiPropertyOptions =>
  ({
    type: String,
    format: 'date-time',
    example: '2026-12-01T09:30:00.000+08:00',
    ...extra,
  }) as ApiPropertyOptions;

export const nullableText = (extra: ApiPropertyOptions = {}): ApiPropertyOptions =>
  ({ type: String, nullable: true, ...extra }) as ApiPropertyOptions;
