import type { Locator, Page } from 'playwright-core';

/** 移交 (/referrals): the summary with the disposal rate, and the sent and received lists. */
export class ReferralListPage {
  constructor(readonly page: Page) {}

  async open(base: string): Promise<void> {
    await this.page.goto(`${base}/console/referrals`);
    await this.page.locator('[data-test=referral-summary]').waitFor();
  }

  /** Through the side menu, as a person gets there. */
  async openFromMenu(): Promise<void> {
    await this.page.locator('[data-test=menu-referrals]').click();
    await this.page.locator('[data-test=referral-summary]').waitFor();
  }

  /** A figure of the cards: of what was sent, or (on the received tab) of what awaits this node. */
  figure(
    name:
      | 'sent-count'
      | 'open-count'
      | 'overdue-count'
      | 'disposal-rate'
      | 'received-count'
      | 'to-acknowledge-count'
      | 'to-dispose-count',
  ): Locator {
    return this.page.locator(`[data-test=${name}]`);
  }

  get rateText(): Locator {
    return this.page.locator('[data-test=disposal-rate-text]');
  }

  async showSent(): Promise<void> {
    await this.page.locator('[data-test=tab-sent]').click();
  }

  async showReceived(): Promise<void> {
    await this.page.locator('[data-test=tab-received]').click();
  }

  /** The row of a referral in the list shown (sent or received). */
  row(direction: 'sent' | 'received', referralId: string): Locator {
    return this.page
      .locator(`[data-test=referrals-${direction}] tr`)
      .filter({ has: this.page.locator(`[data-test="referral-${referralId}"]`) });
  }

  state(direction: 'sent' | 'received', referralId: string): Locator {
    return this.row(direction, referralId).locator('[data-test=referral-state]');
  }

  async makeReferral(): Promise<void> {
    await this.page.locator('[data-test=make-referral]').click();
    await this.page.waitForURL(/\/console\/referrals\/new/);
  }

  async openReferral(direction: 'sent' | 'received', referralId: string): Promise<void> {
    await this.row(direction, referralId).locator(`[data-test="referral-${referralId}"]`).click();
    await this.page.locator('[data-test=referral-title]').waitFor();
  }
}
