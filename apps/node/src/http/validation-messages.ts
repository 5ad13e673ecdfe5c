import { BadRequestException, ValidationError } from '@nestjs/common';
import { fieldLabel } from './field-labels';

/** One bad field of a request: what is wrong, in Chinese for the person and English beside it. */
export interface FieldProblem {
  field: string;
  label: string;
  problems: string[];
  problemsEn: string[];
}

const numbers = (text: string) => (text.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);

/** class-validator's constraint, said in Chinese (numbers and choices taken from its English). */
function zh(constraint: string, en: string): string {
  const [a, b] = numbers(en.replace(/^\S+/, ''));
  switch (constraint) {
    case 'isString':
      return '须为文字';
    case 'isNotEmpty':
    case 'arrayNotEmpty':
      return '不能为空';
    case 'isNotBlank':
      return '不能为空，也不能只有空格';
    case 'isLength':
      return b === undefined ? `长度至少 ${a} 个字符` : `长度须在 ${a} 到 ${b} 个字符之间`;
    case 'maxLength':
      return `不能超过 ${a} 个字符`;
    case 'minLength':
      return `至少 ${a} 个字符`;
    case 'isInt':
      return '须为整数';
    case 'isNumber':
      return '须为数字';
    case 'min':
      return `不能小于 ${a}`;
    case 'max':
      return `不能大于 ${a}`;
    case 'isPositive':
      return '须大于 0';
    case 'isIn':
    case 'isEnum':
      return `须为以下之一：${en.split(/following values:\s*/)[1] ?? ''}`;
    case 'isUUID':
      return '须为编号（UUID）';
    case 'isDateString':
    case 'isISO8601':
      return '须为时间，如 2026-12-01T09:00:00+08:00';
    case 'isCalendarDate':
      return '须为存在的日期，如 2026-12-01';
    case 'isNodeId':
      return '须为六位行政区划代码，如 130121';
    case 'isBoolean':
      return '须为 true 或 false';
    case 'isArray':
      return '须为列表';
    case 'arrayMaxSize':
      return `最多 ${a} 项`;
    case 'arrayMinSize':
      return `至少 ${a} 项`;
    case 'arrayUnique':
      return '不能有重复项';
    case 'isObject':
    case 'nestedValidation':
      return '格式不对';
    case 'whitelistValidation':
      return '是多余的字段，请删去';
    case 'matches':
      return '格式不对';
    default:
      return '不符合要求';
  }
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    // A blank text also fails its minimum length: "不能为空" says it once (the length rule
    // would only repeat it as "长度至少 1 个字符").
    const entries = Object.entries(error.constraints ?? {}).filter(
      ([constraint], _, all) =>
        !(constraint === 'isLength' && all.some(([other]) => other === 'isNotBlank')),
    );
    const own =
      entries.length > 0
        ? [
            {
              field,
              label: fieldLabel(field, error.target?.constructor?.name),
              problems: entries.map(([constraint, en]) => zh(constraint, en)),
              problemsEn: entries.map(([, en]) => en),
            },
          ]
        : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** A 400 that names every bad field, in Chinese and in English. */
export function fieldsException(fields: FieldProblem[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'VALIDATION_FAILED',
    message: `请检查：${fields.map((f) => `${f.label}${f.problems.join('，')}`).join('；')}`,
    messageEn: `invalid request: ${fields.map((f) => `${f.field} (${f.problemsEn.join('; ')})`).join(', ')}`,
    fields,
  });
}

/** Used by the global ValidationPipe. */
export function validationException(errors: ValidationError[]): BadRequestException {
  return fieldsException(flatten(errors));
}
