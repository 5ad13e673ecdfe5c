import { Injectable } from '@nestjs/common';
import { Clock } from '@liandong/messaging';

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 5;

/**
 * Failed sign-ins per user name and per client address: the sixth within 15 minutes
 * is refused without checking the password until the window moves on. Kept in memory,
 * per node process.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  /** Seconds to wait before trying again, or 0. */
  retryAfter(keys: string[]): number {
    const now = this.clock.now().getTime();
    let wait = 0;
    for (const key of keys) {
      const recent = (this.failures.get(key) ?? []).filter((at) => at > now - WINDOW_MS);
      this.failures.set(key, recent);
      if (recent.length >= MAX_FAILURES)
        wait = Math.max(wait, Math.ceil((recent[0] + WINDOW_MS - now) / 1000));
    }
    return wait;
  }

  fail(keys: string[]): void {
    const now = this.clock.now().getTime();
    for (const key of keys) this.failures.set(key, [...(this.failures.get(key) ?? []), now]);
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
