import type { Page } from 'playwright-core';

/** 移交问题 (/referrals/new): an inspection fed back, one of its signed findings, kind, tier, content. */
export class ReferralNewPage {
  constructor(readonly page: Page) {}

  async pickInspection(organizationName: string): Promise<void> {
    await this.page.locator('[data-test=inspection]').click();
    await this.page
      .locator('.el-select-dropdown__item:visible')
      .filter({ hasText: organizationName })
      .click();
  }

  async pickFinding(findingId: string): Promise<void> {
    await this.page.locator(`[data-test="finding-${findingId}"]`).click();
  }

  async kind(kind: string): Promise<void> {
    await this.page.locator(`[data-test="kind-${kind}"]`).click();
  }

  async cadreTier(tier: string): Promise<void> {
    await this.page.locator(`[data-test="tier-${tier}"]`).click();
  }

  content(): Promise<string> {
    return this.page.locator('textarea[data-test=content]').inputValue();
  }

  async setContent(text: string): Promise<void> {
    await this.page.locator('textarea[data-test=content]').fill(text);
  }

  /** Submits; the page of the new referral opens. Its id. */
  async submit(): Promise<string> {
    await this.page.locator('[data-test=submit-referral]').click();
    await this.page.waitForURL(/\/console\/referrals\/[0-9a-f-]{36}$/);
    await this.page.locator('[data-test=referral-title]').waitFor();
    return this.page.url().split('/').pop() as string;
  }
}
