import type { Locator, Page } from 'playwright-core';
import { settled } from './settled';
import { pickOption } from './rounds.page';

/** 轮次详情 (/rounds/:id): its inspections, 安排巡察, 提级巡察, the linked children. */
export class RoundPage {
  constructor(readonly page: Page) {}

  async goto(url: string, roundId: string): Promise<this> {
    await this.page.goto(`${url}/console/rounds/${roundId}`);
    await this.page.locator('[data-test=inspections]').waitFor();
    return this;
  }

  inspection(organizationCode: string): Locator {
    return this.page.locator('[data-test=inspections] tr', {
      has: this.page.locator(`[data-test="inspection-${organizationCode}"]`),
    });
  }

  linked(nodeId: string): Locator {
    return this.page.locator(`[data-test="linked-${nodeId}"]`);
  }

  /** 安排巡察: types part of the name, picks the organization; the dialog, not yet sent. */
  async fillSchedule(typed: string, organizationName: string): Promise<Locator> {
    await this.page.locator('[data-test=schedule]').click();
    const dialog = this.page.locator('[data-test=schedule-dialog]');
    await dialog.waitFor();
    await pickOption(
      this.page,
      dialog.locator('[data-test=organization-picker]'),
      typed,
      organizationName,
    );
    await dialog.locator('[data-test=organization-picked]').waitFor();
    await settled(this.page);
    return dialog;
  }

  /** 提级巡察: picks the descendant by name, then its organization from that node's registry. */
  async fillEscalate(
    node: { typed: string; name: string },
    typed: string,
    organizationName: string,
  ): Promise<Locator> {
    await this.page.locator('[data-test=escalate]').click();
    const dialog = this.page.locator('[data-test=escalate-dialog]');
    await dialog.waitFor();
    await pickOption(this.page, dialog.locator('[data-test=escalate-node]'), node.typed, node.name);
    await pickOption(
      this.page,
      dialog.locator('[data-test=organization-picker]'),
      typed,
      organizationName,
    );
    await dialog.locator('[data-test=organization-picked]').waitFor();
    await settled(this.page);
    return dialog;
  }

  /** Sends the dialog and waits for the inspection's row. */
  async submit(dialog: Locator, organizationCode: string): Promise<Locator> {
    await dialog.locator('[data-test=schedule-submit]').click();
    await dialog.waitFor({ state: 'hidden' });
    const row = this.inspection(organizationCode);
    await row.waitFor();
    return row;
  }
}
