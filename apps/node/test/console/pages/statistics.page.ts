import type { Locator, Page } from 'playwright-core';
import { settled } from './settled';

/** 年度统计: this node's report with its state and submit, the children's reports to decide. */
export class StatisticsPage {
  constructor(readonly page: Page) {}

  /** From the menu (统计 → 年度统计) to this year's statistics. */
  async open(): Promise<this> {
    await this.page.locator('[data-test=menu-statistics]').click();
    await this.page.locator('[data-test=figures]').waitFor();
    return this;
  }

  /** By its address (a narrow screen folds the menu away). */
  async goto(): Promise<this> {
    await this.page.goto(new URL('/console/statistics', this.page.url()).href);
    await this.page.locator('[data-test=figures]').waitFor();
    return this;
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.page.locator('[data-test=figures]').waitFor();
  }

  get ownState(): Locator {
    return this.page.locator('[data-test=own-state]');
  }

  /** The figure shown in the table: `own` (本级) or `subtree` (本级及下级合计) of a form line. */
  figure(which: 'own' | 'subtree' | 'change', key: string): Locator {
    return this.page.locator(`[data-test="figures-${which}-${key}"]`);
  }

  childState(nodeId: string): Locator {
    return this.page.locator(`[data-test=child-state-${nodeId}]`);
  }

  childVersion(nodeId: string): Locator {
    return this.page.locator(`[data-test=child-version-${nodeId}]`);
  }

  childInspected(nodeId: string): Locator {
    return this.page.locator(`[data-test=child-inspected-${nodeId}]`);
  }

  /** Waits until a tag (own or a child's) shows a state, reloading while the news travels. */
  async waitForChildState(nodeId: string, state: string, deadlineMs = 30_000): Promise<void> {
    const until = Date.now() + deadlineMs;
    for (;;) {
      const tag = this.page.locator(`[data-test=child-state-${nodeId}][data-state=${state}]`);
      if (await tag.count()) return;
      if (Date.now() > until) throw new Error(`${nodeId}'s tag never showed ${state}`);
      await this.reload();
    }
  }

  /** Opens the submit dialog (报送 / 重新报送 / 更正后重新报送). */
  async openSubmit(): Promise<Locator> {
    await this.page.locator('[data-test=submit]').click();
    const dialog = this.page.locator('.el-dialog[data-test=submit-dialog]');
    await dialog.waitFor();
    await settled(this.page);
    return dialog;
  }

  /** 报送 with an optional reason; waits for the own tag to show `state`. */
  async submit(reason: string | undefined, state: string): Promise<void> {
    const dialog = await this.openSubmit();
    if (reason) await dialog.locator('textarea[data-test=submit-reason]').fill(reason);
    await dialog.locator('[data-test=submit-confirm]').click();
    await this.page.locator(`[data-test=own-state][data-state=${state}]`).waitFor();
    await settled(this.page);
  }

  /** 审核通过, confirmed in the message box; waits for the child's tag to turn. */
  async accept(nodeId: string): Promise<void> {
    await this.page.locator(`[data-test=accept-${nodeId}]`).click();
    await this.page.locator('.el-message-box .el-button--primary').click();
    await this.page.locator(`[data-test=child-state-${nodeId}][data-state=accepted]`).waitFor();
    await settled(this.page);
  }

  /** Opens 退回 for a child. */
  async openReturn(nodeId: string): Promise<Locator> {
    await this.page.locator(`[data-test=return-${nodeId}]`).click();
    const dialog = this.page.locator('.el-dialog[data-test=return-dialog]');
    await dialog.waitFor();
    await settled(this.page);
    return dialog;
  }
}
