import type { Locator, Page } from 'playwright-core';

/** One referral (/referrals/:id): its facts, its sealed content, 签收 and 处置情况. */
export class ReferralPage {
  constructor(readonly page: Page) {}

  async open(base: string, referralId: string): Promise<void> {
    await this.page.goto(`${base}/console/referrals/${referralId}`);
    await this.page.locator('[data-test=referral-title]').waitFor();
  }

  get state(): Locator {
    return this.page.locator('.page-head [data-test=referral-state]');
  }

  get openSealedButton(): Locator {
    return this.page.locator('[data-test=open-sealed]');
  }

  get sealedNotice(): Locator {
    return this.page.locator('[data-test=sealed-notice]');
  }

  get sealedText(): Locator {
    return this.page.locator('[data-test=sealed-text]');
  }

  get acknowledgeButton(): Locator {
    return this.page.locator('[data-test=acknowledge]');
  }

  get disposition(): Locator {
    return this.page.locator('[data-test=disposition-text]');
  }

  /** 打开密件: the confirmation says the reading is recorded; `confirm` goes on, else cancels. */
  async openSealed(confirm = true): Promise<string> {
    await this.openSealedButton.click();
    const box = this.page.locator('.el-message-box');
    await box.waitFor();
    const warning = await box.innerText();
    await box.getByRole('button', { name: confirm ? '确认打开' : '取消' }).click();
    await box.waitFor({ state: 'hidden' });
    if (confirm) await this.sealedText.waitFor();
    return warning;
  }

  async acknowledge(): Promise<void> {
    await this.acknowledgeButton.click();
    const box = this.page.locator('.el-message-box');
    await box.getByRole('button', { name: '签收' }).click();
    await box.waitFor({ state: 'hidden' });
    await this.page
      .locator('.page-head [data-test=referral-state][data-state=acknowledged]')
      .waitFor();
  }

  async dispose(text: string): Promise<void> {
    await this.page.locator('[data-test=dispose]').click();
    await this.page.locator('textarea[data-test=disposition]').fill(text);
    await this.page.locator('[data-test=disposition-submit]').click();
    await this.page.locator('[data-test=disposition-dialog]').waitFor({ state: 'hidden' });
    await this.page.locator('.page-head [data-test=referral-state][data-state=disposed]').waitFor();
  }
}
