import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** The repository root, and the console as `npm start` builds it. */
export const ROOT = resolve(__dirname, '../../..');
export const CONSOLE_DIR = join(ROOT, 'dist/console');
/** Screenshots of the console tests (git-ignored: tmp/). */
export const SCREENSHOTS = join(ROOT, 'tmp/screenshots/console');

/** Builds the console when its sources changed since the last build (a no-op otherwise). */
export function buildConsole(): void {
  execFileSync('bash', [join(ROOT, 'deploy/scripts/console-build.sh')], { stdio: 'inherit' });
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, headless, with none of its calls home (this machine's network is
 * closed; deploy/scripts/ensure-deps.sh installs the package). Playwright's launch gives
 * every browser a fresh, temporary user-data dir of its own.
 */
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: run deploy/scripts/ensure-deps.sh (apt-get install chromium)`,
    );
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** A browser tab of its own (own session storage), at an office's usual screen size. */
export async function openTab(
  browser: Browser,
  viewport = { width: 1280, height: 800 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`console page error: ${error.message}`));
  return { context, page };
}

/** Signs in on a node's console and waits for the workbench. */
export async function signInAt(
  page: Page,
  url: string,
  username: string,
  password: string,
): Promise<void> {
  await page.goto(`${url}/`);
  await page.locator('input[data-test=username]').fill(username);
  await page.locator('input[data-test=password]').fill(password);
  await page.locator('[data-test=sign-in]').click();
  await page.waitForURL((address) => address.pathname === '/console/workbench');
}

/** A picture of the whole page once it has loaded and stopped moving (no spinner, no fade). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForFunction(
    () =>
      !(globalThis as any).document.querySelector(
        '.el-loading-mask, [class*="-enter-active"], [class*="-leave-active"]',
      ),
  );
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
