import type { Page } from 'playwright-core';

/** Waits for dialogs and message boxes to finish fading in or out (seen whole, not half drawn). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      !(globalThis as any).document.querySelector(
        '[class*="-enter-active"], [class*="-leave-active"]',
      ),
  );
}
