import type { Locator, Page } from 'playwright-core';
import { settled } from './settled';

/** 巡察报告: finalize (the leader), the refusal's findings, versions, diff, decision, feedback. */
export class ReportsPage {
  constructor(readonly page: Page) {}

  async goto(url: string, inspectionId: string): Promise<this> {
    await this.page.goto(`${url}/console/inspections/${inspectionId}/reports`);
    await this.page.locator('[data-test=reports-page][data-loaded=true]').waitFor();
    return this;
  }

  button(name: 'finalize' | 'decide' | 'feedback'): Locator {
    return this.page.locator(`[data-test=${name}]`);
  }

  async finalize(summary: string, reason?: string): Promise<void> {
    await this.button('finalize').click();
    await this.page.locator('textarea[data-test=report-summary]').fill(summary);
    if (reason !== undefined)
      await this.page.locator('textarea[data-test=report-reason]').fill(reason);
    await this.page.locator('[data-test=report-submit]').click();
    await this.page.locator('.el-dialog [data-test=report-summary]').waitFor({ state: 'hidden' });
    await settled(this.page);
  }

  version(n: number): Locator {
    return this.page.locator(`[data-test=version-${n}]`);
  }

  problem(): Locator {
    return this.page.locator('[data-test=report-problem]');
  }

  /** The incomplete findings a refused finalization lists, each a link. */
  incompleteLinks(): Locator {
    return this.page.locator('[data-test=incomplete-findings] a');
  }

  async decide(decision: string): Promise<void> {
    await this.button('decide').click();
    await this.page.locator('textarea[data-test=decision]').fill(decision);
    await this.page.locator('[data-test=decision-submit]').click();
    await this.version(1).locator('[data-test=version-decision]').waitFor();
    await settled(this.page);
  }

  async feedback(summary: string): Promise<void> {
    await this.button('feedback').click();
    await this.page.locator('textarea[data-test=feedback-summary]').fill(summary);
    await this.page.locator('[data-test=feedback-summary-submit]').click();
    await this.page.locator('[data-test=feedback-given]').waitFor();
    await settled(this.page);
  }

  diff(): Locator {
    return this.page.locator('[data-test=report-diff]');
  }
}
