import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { RefusalView } from '@liandong/access';
import { NodeIdentity } from '@liandong/messaging';
import { TIER_LABELS } from '@liandong/protocol';

type Operation = {
  security?: unknown[];
  'x-access'?: unknown;
  responses: Record<string, unknown>;
  requestBody?: unknown;
  parameters?: unknown[];
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * The node's OpenAPI document, as a contract a client can be generated from: every operation
 * documents the refusals every route shares (400 for input, 401 and 403 for the guard, 429,
 * 500, 503) with the one refusal body, besides what its controller declares.
 */
export function buildOpenApi(
  app: INestApplication,
  identity: NodeIdentity,
  url?: string,
): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle(`联动 Liandong · ${identity.name}（${identity.nodeId}）`)
    .setDescription(
      `${identity.name}${TIER_LABELS[identity.tier]}巡视巡察机构节点的接口。每个拒绝都带稳定的 error 代码、中文 message 和英文 messageEn；时间为北京时间（+08:00）。 — The HTTP API of one Liandong node: every refusal carries a stable code, a Chinese message and the English one; timestamps are Beijing time (+08:00).`,
    )
    .setVersion('1')
    .setLicense('UNLICENSED', 'https://liandong.invalid/license')
    .addBearerAuth()
    .addSecurityRequirements('bearer');
  if (url) builder.addServer(url, '本节点 this node');
  else builder.addServer('/', '本节点 this node');
  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [RefusalView],
  });
  const refusal = { $ref: '#/components/schemas/RefusalView' };
  const response = (description: string) => ({
    description,
    content: { 'application/json': { schema: refusal } },
  });
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = (path as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      const open = operation['x-access'] === 'public';
      if (open) operation.security = [];
      const shared: Record<string, string> = {
        '500': '系统内部错误 / internal error (see the node log)',
        '503': '数据库或消息服务暂时不可用 / retry after the Retry-After header',
      };
      if (operation.requestBody || (operation.parameters?.length ?? 0) > 0)
        shared['400'] = '输入有误，各字段问题见 fields / invalid input, each field named';
      if (!open) {
        shared['401'] = '未登录或登录已过期 / not signed in';
        shared['403'] = '没有权限 / not allowed for your roles';
      }
      for (const [status, description] of Object.entries(shared))
        operation.responses[status] ??= response(description);
    }
  }
  return document;
}
