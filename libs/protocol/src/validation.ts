import { Transform } from 'class-transformer';
import { registerDecorator, ValidationOptions } from 'class-validator';
import { NODE_ID_PATTERN } from './tier';

/**
 * Checks shared by the wire contract and the HTTP API, so a value is judged the same way
 * wherever it enters. Each carries a constraint name the API translates (zh-CN) in one
 * place.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day written YYYY-MM-DD that exists (2026-13-01 and 2026-02-30 are not days). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 &&
    year <= 2999 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a date that exists, like 2026-12-01', ...options },
      validator: { validate: (value: unknown) => isCalendarDate(value) },
    });
}

/** A node id: a GB/T 2260 six-digit division code (central is 000000). */
export function IsNodeId(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isNodeId',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a six-digit division code', ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && NODE_ID_PATTERN.test(value),
      },
    });
}

/** Text with something in it: not empty, not only spaces. */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isNotBlank',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must not be blank', ...options },
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || value.trim().length > 0,
      },
    });
}

/**
 * Takes an enumerated value by its code or by its zh-CN label (`常规` for `regular`), so a
 * person can type what they read on screen; the code is what is validated and stored.
 */
export function AcceptLabels(labels: Readonly<Record<string, string>>): PropertyDecorator {
  const byLabel = new Map(Object.entries(labels).map(([code, label]) => [label, code]));
  const convert = (value: unknown) =>
    typeof value === 'string' ? (byLabel.get(value.trim()) ?? value) : value;
  return Transform(({ value }) => (Array.isArray(value) ? value.map(convert) : convert(value)));
}
