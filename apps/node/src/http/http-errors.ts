import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  Injectable,
  Logger,
  ValidationError,
} from '@nestjs/common';
import { AuditService, DomainError, isTransient } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import type { Response } from 'express';

export interface FieldProblem {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Used by the global ValidationPipe: a 400 that names every bad field. */
export function validationException(errors: ValidationError[]): BadRequestException {
  const fields = flatten(errors);
  return new BadRequestException({
    statusCode: 400,
    error: 'VALIDATION_FAILED',
    message: `invalid request: ${fields.map((f) => f.field).join(', ')}`,
    fields,
  });
}

interface Refusal {
  status: number;
  body: Record<string, unknown>;
}

/** The status and body for an exception: domain errors by their code, Nest's by theirs, parser errors plainly. */
export function describeError(exception: unknown): Refusal | undefined {
  if (exception instanceof DomainError) {
    return {
      status: exception.status,
      body: { statusCode: exception.status, error: exception.code, message: exception.message },
    };
  }
  if (exception instanceof HttpException) {
    const body = exception.getResponse();
    return {
      status: exception.getStatus(),
      body:
        typeof body === 'string'
          ? { statusCode: exception.getStatus(), message: body }
          : (body as Record<string, unknown>),
    };
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
    // Errors of the body parser (too large, bad encoding): the client's fault, said plainly.
    const tooLarge = parserError.type === 'entity.too.large';
    return {
      status: parserError.status,
      body: {
        statusCode: parserError.status,
        error: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST',
        message: tooLarge
          ? `request body is too large: the limit is ${Math.round((parserError.limit ?? 1048576) / 1048576)} MB`
          : parserError.message,
      },
    };
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
          message: `数据库或消息服务暂时不可用，请${RETRY_AFTER_SECONDS}秒后重试 (the database or the broker is not answering; try again in ${RETRY_AFTER_SECONDS} seconds)`,
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
        message: 'internal error; the node log has the details',
      });
      return;
    }
    const code = String(refusal.body.error ?? refusal.status);
    // Recorded before the answer goes out: whoever sees the refusal finds it in the log.
    if (refusal.status !== 404 && !AUDITED_ELSEWHERE.has(code))
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
