import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  Logger,
  ValidationError,
} from '@nestjs/common';
import { DomainError } from '@liandong/messaging';
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

/** Maps domain errors to their HTTP status in one place; everything else keeps Nest's mapping. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError) {
      response
        .status(exception.status)
        .json({ statusCode: exception.status, error: exception.code, message: exception.message });
      return;
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      response
        .status(exception.getStatus())
        .json(
          typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body,
        );
      return;
    }
    const parserError = exception as {
      status?: number;
      type?: string;
      message?: string;
      expose?: boolean;
    };
    if (
      typeof parserError.status === 'number' &&
      parserError.status >= 400 &&
      parserError.status < 500 &&
      parserError.expose
    ) {
      // Errors of the body parser (too large, bad encoding): the client's fault, said plainly.
      const tooLarge = parserError.type === 'entity.too.large';
      response.status(parserError.status).json({
        statusCode: parserError.status,
        error: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST',
        message: tooLarge ? 'request body is too large: the limit is 1 MB' : parserError.message,
      });
      return;
    }
    this.logger.error(
      { msg: 'unhandled error', error: (exception as Error)?.message },
      (exception as Error)?.stack,
    );
    response.status(500).json({
      statusCode: 500,
      error: 'INTERNAL',
      message: 'internal error; the node log has the details',
    });
  }
}
