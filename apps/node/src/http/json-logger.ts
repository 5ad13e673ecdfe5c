import { AsyncLocalStorage } from 'node:async_hooks';
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

/**
 * Which node's logger is speaking. Nest's `new Logger(Context)` (what the services use) writes
 * through one logger of the whole process (`Logger.overrideLogger`, which every
 * `NestFactory.create` replaces): with several nodes in one process (the NodeHost), the last
 * node created would sign every line. So each node's work runs in an async context holding its
 * own JsonLogger — its boot, its timers and consumers started there, its HTTP requests — and the
 * process's logger (NODE_LOGGER) writes through the logger of the context it is called in.
 */
const speaking = new AsyncLocalStorage<JsonLogger>();

/** Runs `work` (and everything it starts) as the node whose logger this is. */
export function asNode<T>(logger: JsonLogger, work: () => T): T {
  return speaking.run(logger, work);
}

class RoutingLogger implements LoggerService {
  /** Lines logged outside any node's context (the host's own). */
  outside = new JsonLogger({ node: 'host' }, 'warn');

  private target(): JsonLogger {
    return speaking.getStore() ?? this.outside;
  }
  log(message: unknown, ...rest: unknown[]): void {
    this.target().log(message, ...rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.target().error(message, ...rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    // @nestjs/typeorm keeps a process-wide set of data source names only to warn about
    // duplicates; each node's DataSource lives in its own app's container (TypeORM 0.3 keeps
    // no registry of its own), so a second node's default data source overrides nothing.
    if (rest[rest.length - 1] === 'DataSourceNameRegistry') return;
    this.target().warn(message, ...rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.target().debug(message, ...rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.target().verbose(message, ...rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.target().fatal(message, ...rest);
  }
}

/** The logger every node app is created with: the same one, routing by the node in context. */
export const NODE_LOGGER = new RoutingLogger();

/** The level of the lines no node speaks (the host's own; warnings and errors by default). */
export function setHostLogLevel(level: LogLevel): void {
  NODE_LOGGER.outside = new JsonLogger({ node: 'host' }, level);
}
