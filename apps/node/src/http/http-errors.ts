import { DomainError } from '@liandong/common';
import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  Injectable,
  Logger,
} from '@nestjs/common';
import { AuditService, isTransient } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import type { Response } from 'express';

interface Refusal {
  status: number;
  body: Record<string, unknown>;
}

/** What Nest's own exceptions mean, by status, for a person. */
const HTTP_ZH: Record<number, { code: string; zh: string }> = {
  400: { code: 'BAD_REQUEST', zh: '请求格式不对' },
  401: { code: 'UNAUTHENTICATED', zh: '请先登录' },
  403: { code: 'FORBIDDEN', zh: '没有权限' },
  404: { code: 'NOT_FOUND', zh: '没有这个地址' },
  405: { code: 'METHOD_NOT_ALLOWED', zh: '该地址不支持这种请求' },
  413: { code: 'PAYLOAD_TOO_LARGE', zh: '请求内容过大' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', zh: '不支持这种文件类型' },
};

function refusal(status: number, code: string, zh: string, en: string, extra = {}): Refusal {
  return {
    status,
    body: { statusCode: status, error: code, message: zh, messageEn: en, ...extra },
  };
}

/**
 * The status and body for an exception: domain errors by their code, Nest's by theirs, body
 * parser errors plainly. Every refusal carries a stable `error` code, a Chinese `message` and
 * the English `messageEn`.
 */
export function describeError(exception: unknown): Refusal | undefined {
  if (exception instanceof DomainError) {
    return refusal(
      exception.status,
      exception.code,
      exception.text.zh,
      exception.text.en,
      exception.fields ? { fields: exception.fields } : {},
    );
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    if (typeof body === 'object' && body !== null && 'messageEn' in body)
      return { status, body: body as Record<string, unknown> }; // already ours (validation)
    if (typeof body === 'object' && body !== null && 'details' in body) {
      // The health check's own report (Terminus): kept as monitoring tools read it, with words.
      const failing = Object.keys((body as { error?: object }).error ?? {});
      return {
        status,
        body: {
          ...(body as Record<string, unknown>),
          message: `节点不健康：${failing.join('、') || '未知'}异常，详见 details`,
          messageEn: `unhealthy: ${failing.join(', ') || 'unknown'}; see details`,
        },
      };
    }
    const en =
      typeof body === 'string'
        ? body
        : String((body as { message?: unknown }).message ?? exception.message);
    const known = HTTP_ZH[status] ?? { code: `HTTP_${status}`, zh: '请求未能完成' };
    const zh =
      status === 400 && /uuid is expected/i.test(en)
        ? '编号格式不对：须为 UUID，如 0190f5b0-0000-7000-8000-000000000000'
        : `${known.zh}（${en}）`;
    return refusal(status, known.code, zh, en);
  }
  const parserError = exception as {
    status?: number;
    type?: string;
    message?: string;
    expose?: boolean;
    limit?: number;
  };
  if (
    typeof parserError.status === 'number' &&
    parserError.status >= 400 &&
    parserError.status < 500 &&
    parserError.expose
  ) {
    // Errors of the body parser (too large, bad encoding, not JSON): the client's fault, said plainly.
    if (parserError.type === 'entity.too.large') {
      const mb = Math.round((parserError.limit ?? 1048576) / 1048576);
      return refusal(
        parserError.status,
        'PAYLOAD_TOO_LARGE',
        `请求内容过大，上限 ${mb} MB`,
        `request body is too large: the limit is ${mb} MB`,
      );
    }
    if (parserError.type === 'entity.parse.failed')
      return refusal(
        parserError.status,
        'BAD_REQUEST',
        '请求内容不是有效的 JSON',
        `the request body is not valid JSON: ${parserError.message}`,
      );
    return refusal(
      parserError.status,
      'BAD_REQUEST',
      `请求格式不对（${parserError.message}）`,
      parserError.message ?? 'bad request',
    );
  }
  return undefined;
}

/** What a 503 asks the client to wait before trying again. */
const RETRY_AFTER_SECONDS = 5;

/** Refusals the sign-in already audits in detail. */
const AUDITED_ELSEWHERE = new Set(['BAD_CREDENTIALS', 'TOO_MANY_ATTEMPTS']);

/**
 * Maps errors to HTTP in one place, and writes every refused request (4xx other than an
 * unknown path) to the audit log: who tried what, and why it was refused.
 */
@Catch()
@Injectable()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<{
      method: string;
      originalUrl: string;
      ip?: string;
      principal?: { username: string };
    }>();
    const refusal = describeError(exception);
    if (!refusal && isTransient(exception)) {
      // The database (or the broker) is not answering: a moment's outage, not a fault of the request.
      this.logger.warn({ msg: 'dependency unavailable', error: (exception as Error)?.message });
      response
        .status(503)
        .setHeader('Retry-After', String(RETRY_AFTER_SECONDS))
        .json({
          statusCode: 503,
          error: 'SERVICE_UNAVAILABLE',
          message: `数据库或消息服务暂时不可用，请 ${RETRY_AFTER_SECONDS} 秒后重试`,
          messageEn: `the database or the broker is not answering; try again in ${RETRY_AFTER_SECONDS} seconds`,
        });
      return;
    }
    if (!refusal) {
      this.logger.error(
        { msg: 'unhandled error', error: (exception as Error)?.message },
        (exception as Error)?.stack,
      );
      response.status(500).json({
        statusCode: 500,
        error: 'INTERNAL',
        message: '系统内部错误，详情见本节点日志，请联系系统管理员',
        messageEn: 'internal error; the node log has the details',
      });
      return;
    }
    const code = String(refusal.body.error ?? refusal.status);
    // Recorded before the answer goes out: whoever sees the refusal finds it in the log.
    if (refusal.status < 500 && refusal.status !== 404 && !AUDITED_ELSEWHERE.has(code))
      await this.record(request, refusal.status, code);
    response.status(refusal.status).json(refusal.body);
  }

  private async record(
    request: { method: string; originalUrl: string; ip?: string; principal?: { username: string } },
    status: number,
    code: string,
  ): Promise<void> {
    await this.dataSource
      .transaction((manager) =>
        this.audit.record(manager, {
          actor: request.principal ? `user:${request.principal.username}` : 'anonymous',
          action: 'request.refused',
          subjectType: 'request',
          subjectId: `${request.method} ${request.originalUrl.split('?')[0]}`.slice(0, 300),
          detail: { status, code, address: request.ip },
        }),
      )
      .catch((error: unknown) =>
        this.logger.warn({
          msg: 'could not audit a refused request',
          error: (error as Error).message,
        }),
      );
  }
}
