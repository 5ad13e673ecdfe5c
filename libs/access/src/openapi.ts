import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

export class FieldProblemView {
  @ApiProperty({ example: 'title' }) field!: string;
  @ApiProperty({ example: '标题（title）' }) label!: string;
  @ApiProperty({ type: [String], example: ['不能为空，也不能只有空格'] }) problems!: string[];
  @ApiProperty({ type: [String], example: ['title must not be blank'] }) problemsEn!: string[];
}

/** Every refusal the API answers with (4xx, 5xx): a stable code and what to do, in Chinese and English. */
export class RefusalView {
  @ApiProperty({ example: 409 }) statusCode!: number;
  @ApiProperty({ example: 'REPORT_NOT_DECIDED', description: 'stable code: program against this' })
  error!: string;
  @ApiProperty({ example: '领导小组尚未对该报告作出决定，请先作出决定再反馈' }) message!: string;
  @ApiProperty({ example: 'the leading group has not decided on this report yet' })
  messageEn!: string;
  @ApiPropertyOptional({
    type: [FieldProblemView],
    description:
      'for VALIDATION_FAILED (one per field); for FINDINGS_INCOMPLETE one per finding, `field` its id',
  })
  fields?: FieldProblemView[];
}

const MEANING: Record<number, string> = {
  400: '输入有误（各字段问题见 fields） / invalid input',
  401: '未登录或登录已过期 / not signed in',
  403: '没有权限 / not allowed for your roles',
  404: '找不到 / not found',
  409: '与现有状态冲突 / conflicts with the current state',
  413: '内容过大 / too large',
  415: '不支持的文件类型 / unsupported file type',
  422: '不符合规则 / breaks a rule',
  429: '尝试过多，请稍后再试 / too many attempts',
  503: '数据库或消息服务暂时不可用 / a dependency is down; retry after Retry-After',
};

/** Documents the refusals a route can answer with, each with the RefusalView body. */
export function ApiRefusals(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, type: RefusalView, description: MEANING[status] ?? 'refused' }),
    ),
  );
}
