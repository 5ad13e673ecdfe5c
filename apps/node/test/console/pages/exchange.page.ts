import type { Locator, Page } from 'playwright-core';

/** 信息沟通 (/information-requests) and the 信息沟通 card of an inspection's page. */
export class ExchangePage {
  constructor(readonly page: Page) {}

  /** Opens 信息沟通 from the side menu. */
  async openFromMenu(): Promise<void> {
    await this.page.locator('.el-menu-item', { hasText: '信息沟通' }).click();
    await this.page.locator('[data-test=request-summary]').waitFor();
  }

  async tab(name: '本级发出' | '收到'): Promise<void> {
    await this.page.locator('.el-tabs__item', { hasText: name }).click();
  }

  figure(key: string): Locator {
    return this.page.locator(`[data-test=figure-${key}]`);
  }

  /** The row of a request in a table, by its subject. */
  row(subject: string, direction: 'sent' | 'received'): Locator {
    return this.page
      .locator(`[data-test=requests-${direction}] .el-table__body tr`)
      .filter({ has: this.page.locator(`[data-test="request-${subject}"]`) });
  }

  /** The state of a request's row: its words, and its state code. */
  state(subject: string, direction: 'sent' | 'received'): Locator {
    return this.row(subject, direction).locator('[data-test=request-state]');
  }

  /** On an inspection's page: 发起信息沟通, filled in and sent. */
  async sendInformation(to: { body: string; node: string; subject: string; details: string }) {
    await this.page.locator('[data-test=send-information]').click();
    const dialog = this.page.locator('[data-test=send-request-dialog]');
    await dialog.waitFor();
    await this.pick(dialog.locator('[data-test=request-body]'), to.body);
    await this.pick(dialog.locator('[data-test=request-target]'), to.node);
    await dialog.locator('input[data-test=request-subject]').fill(to.subject);
    await dialog.locator('textarea[data-test=request-details]').fill(to.details);
    return dialog;
  }

  /** Chooses an option of an Element Plus select by its visible text. */
  async pick(select: Locator, text: string): Promise<void> {
    await select.click();
    const option = this.page.locator('.el-select-dropdown:visible .el-select-dropdown__item', {
      hasText: text,
    });
    await option.waitFor({ timeout: 5000 }).catch(async () => {
      const shown = await this.page.locator('.el-select-dropdown__item').allInnerTexts();
      throw new Error(`no option ${text}: ${JSON.stringify(shown)}`);
    });
    await option.click();
  }
}
