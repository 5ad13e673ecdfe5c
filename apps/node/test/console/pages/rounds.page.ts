import type { Locator, Page } from 'playwright-core';
import { settled } from './settled';

/**
 * Picks an option of an Element Plus select by typing part of it (filterable or remote), in
 * that select's own dropdown (another one may still be fading out with the same option).
 */
export async function pickOption(
  page: Page,
  select: Locator,
  typed: string,
  option: string,
): Promise<void> {
  const input = select.locator('input').first();
  await select.click();
  await input.fill(typed);
  // Every select's dropdown lives in <body>; this one's is the list its input controls.
  const list = await input.getAttribute('aria-controls');
  await page
    .locator(`[id="${list}"] .el-select-dropdown__item:visible`)
    .filter({ hasText: option })
    .click();
}

/** A day as the date picker reads it: 2027年3月1日. */
export function pickerText(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 轮次与巡察 (/rounds): the rounds, a new round, and the inspections of own organizations by others. */
export class RoundsPage {
  constructor(readonly page: Page) {}

  async goto(url: string): Promise<this> {
    await this.page.goto(`${url}/console/rounds`);
    await this.page.locator('[data-test=rounds]').waitFor({ state: 'attached' });
    return this;
  }

  round(theme: string): Locator {
    return this.page.locator(`[data-test="round-${theme}"]`);
  }

  hosted(organizationCode: string): Locator {
    return this.page.locator(`[data-test="hosted-${organizationCode}"]`);
  }

  /** 新建轮次; the dialog filled, not yet sent. */
  async fillNewRound(round: {
    type: string;
    theme: string;
    windowStart: string;
    windowEnd: string;
    linkChildren?: boolean;
  }): Promise<Locator> {
    await this.page.locator('[data-test=new-round]').click();
    const dialog = this.page.locator('[data-test=round-dialog]');
    await dialog.waitFor();
    await dialog.locator(`[data-test=round-type-${round.type}]`).click();
    await dialog
      .locator('input[data-test=round-theme], [data-test=round-theme] input')
      .first()
      .fill(round.theme);
    for (const [name, day] of [
      ['round-start', round.windowStart],
      ['round-end', round.windowEnd],
    ] as const) {
      const input = dialog.locator(`input[data-test=${name}], [data-test=${name}] input`).first();
      await input.click();
      await input.fill(pickerText(day));
      await input.press('Enter');
    }
    if (round.linkChildren) await dialog.locator('[data-test=round-link-children]').click();
    await settled(this.page);
    return dialog;
  }

  /** Sends the new round; its page opens. Its id. */
  async createRound(dialog: Locator): Promise<string> {
    await dialog.locator('[data-test=round-submit]').click();
    await this.page.waitForURL(/\/console\/rounds\/[0-9a-f-]{36}$/);
    await this.page.locator('[data-test=inspections]').waitFor();
    return this.page.url().split('/').pop() as string;
  }
}
