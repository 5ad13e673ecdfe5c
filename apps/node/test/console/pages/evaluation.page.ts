import type { Locator, Page } from 'playwright-core';

/** 后评估 at the inspected organization's node: open a round, read its codes, close it. */
export class EvaluationOfficePage {
  constructor(readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.locator('[data-test=menu-evaluation]').click();
    await this.page.locator('[data-test=evaluations]').waitFor();
    return this;
  }

  state(inspectionId: string): Locator {
    return this.page.locator(`[data-test=state-${inspectionId}]`);
  }

  /** Opens the round with `count` codes; returns the codes the dialog shows. */
  async openRound(inspectionId: string, count: number): Promise<string[]> {
    await this.page.locator(`[data-test=open-${inspectionId}]`).click();
    const input = this.page.locator('[data-test=open-codes] input');
    await input.fill(String(count));
    await input.blur();
    await this.page.locator('[data-test=open-confirm]').click();
    await this.page.locator('[data-test=codes]').waitFor();
    return this.page.locator('[data-test=codes] .slip-code').allInnerTexts();
  }

  async closeCodes(): Promise<void> {
    await this.page.locator('[data-test=codes-close]').click();
    await this.page.locator('[data-test=codes]').waitFor({ state: 'hidden' });
  }

  /** Closes the round (confirming) and waits for the result. */
  async closeRound(inspectionId: string): Promise<void> {
    await this.page.locator(`[data-test=close-${inspectionId}]`).click();
    await this.page.getByRole('button', { name: '结束并统计' }).click();
    await this.page.locator('[data-test=evaluation-items], [data-test=under-minimum]').waitFor();
  }
}

/** The public answering page, on a phone. */
export class EvaluatePage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<this> {
    await this.page.goto(`${url}/console/evaluate`);
    await this.page.locator('[data-test=evaluate-code]').waitFor();
    return this;
  }

  async start(code: string): Promise<void> {
    await this.page.locator('input[data-test=evaluate-code-input]').fill(code);
    await this.page.locator('[data-test=evaluate-start]').click();
  }

  /** Chooses `value` ('1'…'5', 'yes', 'no') for `key`. */
  async choose(key: string, value: string): Promise<void> {
    await this.page.locator(`[data-test=choice-${key}-${value}]`).click();
  }

  async submit(): Promise<void> {
    await this.page.locator('[data-test=evaluate-submit]').click();
  }

  get done(): Locator {
    return this.page.locator('[data-test=evaluate-done]');
  }
}
