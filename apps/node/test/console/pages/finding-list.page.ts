import type { Locator, Page } from 'playwright-core';

/** 问题底稿 (the list): an inspection's findings with their state. */
export class FindingListPage {
  constructor(readonly page: Page) {}

  async goto(url: string, inspectionId: string): Promise<this> {
    await this.page.goto(`${url}/console/inspections/${inspectionId}/findings`);
    await this.page.locator('[data-test=findings]').waitFor();
    return this;
  }

  get draftButton(): Locator {
    return this.page.locator('[data-test=draft-finding]');
  }

  row(title: string): Locator {
    return this.page.locator('[data-test=findings] tr', { has: this.link(title) });
  }

  link(title: string): Locator {
    return this.page.locator(`[data-test="finding-${title}"]`);
  }

  status(title: string): Promise<string> {
    return this.row(title).locator('[data-test=finding-status]').innerText();
  }

  async draft(): Promise<void> {
    await this.draftButton.click();
    await this.page.locator('[data-test=finding-title]').waitFor();
  }

  async open(title: string): Promise<void> {
    await this.link(title).click();
    await this.page.locator('[data-test=review-steps]').waitFor();
  }
}
