import type { Locator, Page } from 'playwright-core';
import { pickerText } from './rounds.page';
import { settled } from './settled';

/** 整改日常监督 (/routine-supervision) and the 日常监督 card of a rectification. */
export class SupervisionPage {
  constructor(readonly page: Page) {}

  async openFromMenu(): Promise<void> {
    await this.page.locator('[data-test=menu-routine-supervision]').click();
    await this.loaded();
  }

  /** By its address (a narrow screen keeps the menu folded away). */
  async goto(base: string): Promise<void> {
    await this.page.goto(`${base}/console/routine-supervision`);
    await this.loaded();
  }

  private async loaded(): Promise<void> {
    await this.page.locator('[data-test=routine-supervision]').waitFor();
    await this.page.waitForFunction(
      () => !(globalThis as any).document.querySelector('.el-loading-mask'),
    );
  }

  row(rectificationId: string): Locator {
    return this.page
      .locator('[data-test=routine-supervision] tr')
      .filter({ has: this.page.locator(`[data-test="supervised-${rectificationId}"]`) });
  }

  async openRectification(rectificationId: string): Promise<void> {
    await this.page.locator(`[data-test="supervised-${rectificationId}"]`).click();
    await this.page.locator('[data-test=rectification-title]').waitFor();
  }

  get card(): Locator {
    return this.page.locator('[data-test=supervision-notes]');
  }

  get notes(): Locator {
    return this.card.locator('[data-test=supervision-note]');
  }

  get recordButton(): Locator {
    return this.card.locator('[data-test=record-supervision]');
  }

  get dialog(): Locator {
    return this.page.locator('[data-test=supervision-dialog]');
  }

  /** 记录日常监督: the dialog filled, not yet saved. */
  async fillNote(note: {
    method: string;
    content: string;
    supervisedOn?: string;
    items?: string[];
    urging?: { text: string; dueOn: string };
  }): Promise<void> {
    await this.card.scrollIntoViewIfNeeded();
    await this.recordButton.click();
    const dialog = this.dialog;
    await dialog.waitFor();
    await settled(this.page);
    await dialog.locator(`[data-test="method-${note.method}"]`).click();
    if (note.supervisedOn) await this.pickDay('note-supervised-on', note.supervisedOn);
    await dialog.locator('textarea[data-test=note-content-input]').fill(note.content);
    for (const item of note.items ?? []) {
      const select = dialog.locator('[data-test=note-items]');
      await select.click();
      const list = await select.locator('input').first().getAttribute('aria-controls');
      await this.page
        .locator(`[id="${list}"] .el-select-dropdown__item:visible`)
        .filter({ hasText: item })
        .click();
      await dialog.locator('.el-dialog__title').click();
    }
    if (note.urging) {
      await dialog.locator('[data-test=note-urge]').click();
      await dialog.locator('textarea[data-test=note-urging]').fill(note.urging.text);
      await this.pickDay('note-urging-due', note.urging.dueOn);
    }
    await settled(this.page);
  }

  private async pickDay(testId: string, day: string): Promise<void> {
    const input = this.dialog.locator(`[data-test=${testId}] input`).first();
    await input.click();
    await input.fill(pickerText(day));
    await input.press('Enter');
    await this.dialog.locator('.el-dialog__title').click();
  }

  /** 保存; waits for the dialog to close and the note to show. */
  async save(): Promise<void> {
    const before = await this.notes.count();
    await this.dialog.locator('[data-test=note-submit]').click();
    await this.dialog.waitFor({ state: 'hidden' });
    await this.page.waitForFunction(
      (n) =>
        (globalThis as any).document.querySelectorAll('[data-test=supervision-note]').length > n,
      before,
    );
  }

  /** 标记已落实 on the note's urging, with what was done. */
  async markUrgingDone(note: Locator, outcome: string): Promise<void> {
    await note.locator('[data-test=mark-urging-done]').click();
    const dialog = this.page.locator('[data-test=urging-done-dialog]');
    await dialog.waitFor();
    await dialog.locator('textarea[data-test=urging-outcome-input]').fill(outcome);
    await dialog.locator('[data-test=urging-done-submit]').click();
    await dialog.waitFor({ state: 'hidden' });
    await note.locator('[data-test=urging][data-state=done]').waitFor();
  }
}
