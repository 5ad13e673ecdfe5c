import type { Locator, Page } from 'playwright-core';
import { settled } from './settled';

/** 举一反三 (/common-problems): counts by problem category, and a thematic round on one. */
export class CommonProblemsPage {
  constructor(readonly page: Page) {}

  /** From the side menu (统计 › 举一反三). */
  async open(): Promise<this> {
    await this.page.locator('[data-test=menu-common-problems]').click();
    await this.page.locator('[data-test=common-problems]').waitFor();
    return this;
  }

  /** The table's rows as [label, nodes, organizations, findings, where], in order. */
  async rows(): Promise<string[][]> {
    const rows = this.page.locator('[data-test=common-problems] .el-table__body tr');
    const out: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      const text = async (test: string) =>
        (await row.locator(`[data-test=${test}]`).innerText()).trim();
      out.push([
        (await row.locator('.label').innerText()).trim(),
        await text('nodes'),
        await text('organizations'),
        await text('findings'),
        await text('recurrence'),
      ]);
    }
    return out;
  }

  /** Whether the chart drew its canvas. */
  async chartDrawn(): Promise<boolean> {
    const canvas = this.page.locator('[data-test=common-problems-chart] canvas').first();
    await canvas.waitFor();
    return ((await canvas.boundingBox())?.height ?? 0) > 100;
  }

  /** 以此开展专项巡察: the new-round dialog, as it opens. */
  async thematicRound(category: string): Promise<Locator> {
    await this.page.locator(`[data-test=thematic-${category}]`).click();
    const dialog = this.page.locator('[data-test=round-dialog]');
    await dialog.waitFor();
    await settled(this.page);
    return dialog;
  }
}
