import type { Locator, Page } from 'playwright-core';

/** 指导督导: the list, and one engagement with its acknowledgement, grant and answers. */
export class EngagementPage {
  constructor(readonly page: Page) {}

  /** From the menu to the list, then into the engagement `id`. */
  async open(id: string): Promise<this> {
    await this.page.locator('[data-test=menu-oversight]').click();
    await this.page.locator(`[data-test=engagement-${id}]`).click();
    await this.page.locator('[data-test=engagement-title]').waitFor();
    return this;
  }

  get status(): Locator {
    return this.page.locator('[data-test=engagement-status]');
  }

  get grant(): Locator {
    return this.page.locator('[data-test=grant]');
  }

  async acknowledge(): Promise<void> {
    await this.page.locator('[data-test=acknowledge]').click();
    await this.page.locator('[data-test=grant-form]').waitFor();
  }

  /** Leaves only `areas` ticked and grants them. */
  async grantOnly(areas: string[], all: string[]): Promise<void> {
    for (const area of all.filter((a) => !areas.includes(a)))
      await this.page.locator(`[data-test=area-${area}]`).click();
    await this.page.locator('[data-test=grant-submit]').click();
    await this.page.locator('[data-test=grant-form]').waitFor({ state: 'detached' });
  }

  state(recommendationId: string): Locator {
    return this.page.locator(`[data-test=state-${recommendationId}]`);
  }

  async answer(recommendationId: string, text: string): Promise<void> {
    await this.page.locator(`input[data-test=answer-${recommendationId}]`).fill(text);
    await this.page.locator(`[data-test=answer-submit-${recommendationId}]`).click();
    await this.page.locator(`[data-test=state-${recommendationId}][data-state=answered]`).waitFor();
  }
}
