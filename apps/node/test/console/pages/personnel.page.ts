import type { Locator, Page } from 'playwright-core';
import { pickOption } from './rounds.page';

/** 干部人才库: the pool, registering a person, and 上挂下派. */
export class PersonnelPage {
  constructor(readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.locator('[data-test=menu-personnel]').click();
    await this.page.locator('[data-test=personnel-page]').waitFor();
    return this;
  }

  get dialog(): Locator {
    return this.page.locator('[data-test=person-form]');
  }

  async startAdding(): Promise<void> {
    await this.page.locator('[data-test=add-person]').click();
    await this.dialog.waitFor();
  }

  /** The problem the form shows beside a field (its el-form-item's error). */
  problemBeside(field: string): Locator {
    return this.page.locator(`[data-test=field-${field}] .el-form-item__error`);
  }

  async save(): Promise<void> {
    await this.page.locator('[data-test=save-person]').click();
  }

  person(name: string): Locator {
    return this.page.locator('[data-test=people] .el-table__body tr', { hasText: name });
  }

  /** Waits for the person drawer to finish sliding in (its right edge at the screen's). */
  async drawerSettled(): Promise<void> {
    await this.page.waitForFunction(() => {
      const doc = (globalThis as any).document;
      const drawer = doc.querySelector('.el-drawer');
      const overlay = doc.querySelector('.el-overlay');
      if (!drawer || !overlay) return false;
      const busy = overlay.className.includes('-active');
      return (
        !busy &&
        Math.abs(drawer.getBoundingClientRect().right - doc.documentElement.clientWidth) < 1
      );
    });
  }

  async secondments(): Promise<void> {
    await this.page.locator('[data-test=tab-secondments]').click();
    await this.page.locator('[data-test=secondments]').waitFor();
  }

  row(part: 'lent' | 'borrowed', text: string): Locator {
    return this.page.locator(`[data-test=secondments-${part}] .el-table__body tr`, {
      hasText: text,
    });
  }

  /** The lender's 同意借调 dialog. */
  get approveDialog(): Locator {
    return this.page.locator('[data-test=approve-dialog]');
  }

  /** Picks the person lent by typing part of their name, as an office would. */
  async nominate(name: string): Promise<void> {
    await pickOption(this.page, this.approveDialog.locator('[data-test=nominee]'), name, name);
    await this.approveDialog.locator('[data-test=nominee-description]').waitFor();
  }

  async refresh(): Promise<void> {
    await this.page.locator('[data-test=refresh-secondments]').click();
  }
}
