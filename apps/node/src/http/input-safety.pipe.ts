import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { hasForbiddenText, MAX_JSON_DEPTH } from '@liandong/protocol';
import { fieldLabel } from './field-labels';
import { FieldProblem, fieldsException } from './validation-messages';

/** Member names that reach an object's prototype: refused wherever they appear. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Longest value of a query parameter or path segment. */
const MAX_URL_VALUE = 1000;

function problem(field: string, zh: string, en: string): FieldProblem {
  return { field, label: fieldLabel(field), problems: [zh], problemsEn: [en] };
}

/**
 * One place where every request's text is checked, for every route, before anything else
 * reads it: no U+0000 or other control characters (tab and line breaks allowed), no lone
 * surrogates, no prototype member names, nesting and query values bounded. What fails is a
 * 400 naming each field; nothing is stored. (Uploaded files come as bytes and are checked by
 * their own use case.)
 */
@Injectable()
export class InputSafetyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom' || value === null || value === undefined) return value;
    if (Buffer.isBuffer(value)) return value;
    const root = metadata.type === 'param' ? (metadata.data ?? 'param') : '';
    const problems = inspect(value, root, metadata.type !== 'body');
    if (problems.length > 0) throw fieldsException(problems);
    return value;
  }
}

function inspect(value: unknown, root: string, inUrl: boolean): FieldProblem[] {
  const found: FieldProblem[] = [];
  const stack: Array<[unknown, string, number]> = [[value, root, 1]];
  while (stack.length > 0 && found.length < 20) {
    const [item, path, depth] = stack.pop() as [unknown, string, number];
    if (typeof item === 'string') {
      if (hasForbiddenText(item))
        found.push(
          problem(
            path || 'body',
            '含有不能保存的字符（如 NUL 或其他控制字符），请删去后重试',
            'holds a NUL, another control character or a lone surrogate',
          ),
        );
      else if (inUrl && item.length > MAX_URL_VALUE)
        found.push(
          problem(path, `太长（最多 ${MAX_URL_VALUE} 个字符）`, `is longer than ${MAX_URL_VALUE}`),
        );
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    if (depth > MAX_JSON_DEPTH) {
      found.push(problem(path || 'body', '嵌套过深', `nests deeper than ${MAX_JSON_DEPTH} levels`));
      continue;
    }
    const entries: Array<[string, unknown]> = Array.isArray(item)
      ? item.map((child, i) => [`${i}`, child])
      : Object.keys(item).map((key) => [key, (item as Record<string, unknown>)[key]]);
    for (const [key, child] of entries) {
      const at = path ? `${path}.${key}` : key;
      if (!Array.isArray(item) && PROTOTYPE_KEYS.has(key)) {
        found.push(problem(at, '是不允许的字段名', 'is not an allowed member name'));
        continue;
      }
      if (!Array.isArray(item) && hasForbiddenText(key)) {
        found.push(
          problem(
            path || 'body',
            '字段名含有不能保存的字符',
            'a member name holds a control character',
          ),
        );
        continue;
      }
      stack.push([child, at, depth + 1]);
    }
  }
  return found;
}
