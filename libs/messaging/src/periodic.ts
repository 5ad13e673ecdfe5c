import { Logger } from '@nestjs/common';

/**
 * A job run every `everyMs` between `start()` and `stop()`, one run at a time: a tick while a
 * run is going is skipped, a failed run is logged and the next tick tries again, and `stop()`
 * waits for the run in progress. The timer does not keep the process alive.
 */
export class Periodic {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly what: string,
    private readonly logger: Logger,
    private readonly run: () => Promise<unknown>,
  ) {}

  start(everyMs: number): void {
    this.timer = setInterval(() => {
      this.running ??= this.run()
        .then(() => undefined)
        .catch((error: Error) => this.logger.warn(`${this.what} failed: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
