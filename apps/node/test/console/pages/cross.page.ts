import type { Locator, Page } from 'playwright-core';

/** 交叉巡察: the rotation planner at the common ancestor, the orders, and a peer's grants. */
export class CrossPage {
  constructor(readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.locator('[data-test=menu-cross]').click();
    await this.page.locator('[data-test=cross-page]').waitFor();
    return this;
  }

  /** Ticks exactly these peers (by code) among the children offered. */
  async choosePeers(codes: string[]): Promise<void> {
    const boxes = this.page.locator('[data-test=peers] [data-test^=peer-]');
    await boxes.first().waitFor();
    for (const box of await boxes.all()) {
      const code = ((await box.getAttribute('data-test')) ?? '').slice('peer-'.length);
      const checked = (await box.getAttribute('class'))?.includes('is-checked') ?? false;
      if (checked !== codes.includes(code)) await box.click();
    }
  }

  async chooseRound(theme: string): Promise<void> {
    await this.page.locator('[data-test=round]').click();
    await this.page.locator('.el-select-dropdown__item:visible', { hasText: theme }).click();
  }

  async propose(): Promise<void> {
    await this.page.locator('[data-test=propose]').click();
  }

  get ring(): Locator {
    return this.page.locator('[data-test=rotation-ring]');
  }

  get reasons(): Locator {
    return this.page.locator('[data-test=plan-reasons]');
  }

  /** The proposal's pairs as the table beside the ring shows them: [visitor, inspected]. */
  async pairs(): Promise<[string, string][]> {
    const rows = this.page.locator('[data-test=rotation-pairs] .el-table__body tr');
    await rows.first().waitFor();
    const pairs: [string, string][] = [];
    for (const row of await rows.all())
      pairs.push([
        (await row.locator('[data-test=pair-visitor]').innerText()).trim(),
        (await row.locator('[data-test=pair-inspected]').innerText()).trim(),
      ]);
    return pairs;
  }

  /** Picks an organization of an inspected peer's registry, searched by part of its name. */
  async pickOrganization(peer: string, search: string, code: string): Promise<void> {
    const select = this.page.locator(`[data-test=organizations-${peer}]`);
    await select.click();
    await select.locator('input').fill(search);
    await this.page.locator(`[data-test="organization-${code}"]:visible`).click();
    await this.page.keyboard.press('Escape');
  }

  async order(): Promise<void> {
    await this.page.locator('[data-test=order]').click();
    await this.page.locator('.el-message-box').getByRole('button', { name: '下达' }).click();
  }

  orderedRows(theme: string): Locator {
    return this.page.locator('[data-test=ordered-orders] .el-table__body tr', { hasText: theme });
  }

  inspectedRows(text: string): Locator {
    return this.page.locator('[data-test=inspected-orders] .el-table__body tr', { hasText: text });
  }

  async refresh(): Promise<void> {
    await this.page.getByRole('button', { name: '刷新' }).click();
  }
}
