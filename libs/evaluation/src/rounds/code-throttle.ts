import { Injectable } from '@nestjs/common';
import { Clock } from '@liandong/messaging';
import { evaluationRefusal } from '../evaluation.errors';

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 10;

/**
 * The public answering page guesses no codes: a client address that typed 10 unknown or used
 * codes within 15 minutes is refused (429) until the window moves on. Kept in memory, per
 * node process (the sign-in throttle's pattern).
 */
@Injectable()
export class CodeThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  check(address: string): void {
    const now = this.clock.now().getTime();
    const recent = (this.failures.get(address) ?? []).filter((at) => at > now - WINDOW_MS);
    if (recent.length) this.failures.set(address, recent);
    else this.failures.delete(address);
    if (recent.length >= MAX_FAILURES) {
      const minutes = Math.ceil((recent[0] + WINDOW_MS - now) / 60_000);
      throw evaluationRefusal(
        'TOO_MANY_ATTEMPTS',
        {
          zh: `评价码输入错误次数过多，请 ${minutes} 分钟后再试，或向发放评价码的同志核对`,
          en: `too many wrong codes from this address; try again in ${minutes} minutes`,
        },
        429,
      );
    }
  }

  fail(address: string): void {
    const now = this.clock.now().getTime();
    this.failures.set(address, [...(this.failures.get(address) ?? []), now]);
  }
}
