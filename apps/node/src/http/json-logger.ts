import { LoggerService, LogLevel } from '@nestjs/common';

const ORDER: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];

/** One JSON object per line on stdout: easy to ship, grep and parse. */
export class JsonLogger implements LoggerService {
  private readonly minimum: number;

  constructor(
    private readonly fields: Record<string, string>,
    level: LogLevel = 'log',
  ) {
    this.minimum = ORDER.indexOf(level);
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (ORDER.indexOf(level) < this.minimum) return;
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const body =
      typeof message === 'object' && message !== null
        ? (message as Record<string, unknown>)
        : { msg: String(message) };
    const line: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      ...this.fields,
      context,
      ...body,
    };
    if (rest.length > 0 && typeof rest[0] === 'string') line.stack = rest[0];
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}
