import type { Locator, Page } from 'playwright-core';

/** 整改 (/rectifications and /rectifications/:id): the deadline, the three lists, proof, reports. */
export class RectificationPage {
  constructor(readonly page: Page) {}

  /** From a to-do on the workbench (a report to sign, a deadline coming due) to its page. */
  async openFromWorkbench(organizationName: string): Promise<void> {
    await this.page
      .locator('[data-test=work-items]')
      .getByRole('link', { name: organizationName })
      .first()
      .click();
    await this.page.locator('[data-test=rectification-title]').waitFor();
  }

  async openList(): Promise<void> {
    await this.page.locator('[data-test=menu-rectifications]').click();
    await this.page.locator('[data-test=rectifications]').waitFor();
  }

  listRow(rectificationId: string): Locator {
    return this.page
      .locator('[data-test=rectifications] tr')
      .filter({ has: this.page.locator(`[data-test="rectification-${rectificationId}"]`) });
  }

  async openFromList(rectificationId: string): Promise<void> {
    await this.page.locator(`[data-test="rectification-${rectificationId}"]`).click();
    await this.page.locator('[data-test=rectification-title]').waitFor();
  }

  async open(base: string, rectificationId: string): Promise<void> {
    await this.page.goto(`${base}/console/rectifications/${rectificationId}`);
    await this.page.locator('[data-test=rectification-title]').waitFor();
  }

  /** The deadline on the page (not in the list): its level and its days-left tag. */
  get deadline(): Locator {
    return this.page.locator('.el-descriptions [data-test=deadline]');
  }

  get daysLeft(): Locator {
    return this.deadline.locator('[data-test=days-left]');
  }

  async tab(name: 'problems' | 'responsibility' | 'tasks'): Promise<Locator> {
    await this.page.locator(`[data-test=tab-${name}]`).click();
    const list = this.page.locator(
      `[data-test=${name === 'problems' ? 'problem-list' : name === 'responsibility' ? 'responsibility-list' : 'task-list'}]`,
    );
    await list.waitFor();
    return list;
  }

  itemState(itemId: string): Locator {
    return this.page
      .locator('[data-test=problem-list] tr')
      .filter({
        has: this.page.locator(`[data-test="close-${itemId}"], [data-test="assign-${itemId}"]`),
      })
      .locator('[data-test=item-state]');
  }

  async assign(
    itemId: string,
    who: { responsiblePerson: string; unitHead: string; tasks: string[] },
  ) {
    await this.page.locator(`[data-test="assign-${itemId}"]`).click();
    const dialog = this.page.locator('[data-test=assign-dialog]');
    await dialog.locator('input[data-test=responsible-person]').fill(who.responsiblePerson);
    await dialog.locator('input[data-test=unit-head]').fill(who.unitHead);
    await dialog.locator('textarea[data-test=tasks]').fill(who.tasks.join('\n'));
    await dialog.locator('[data-test=assign-submit]').click();
    await dialog.waitFor({ state: 'hidden' });
  }

  get closeDialog(): Locator {
    return this.page.locator('[data-test=close-dialog]');
  }

  async startClosing(itemId: string): Promise<void> {
    await this.page.locator(`[data-test="close-${itemId}"]`).click();
    await this.closeDialog.waitFor();
  }

  /** 确认销号 in the dialog; the node's refusal, if it refuses. */
  async confirmClose(): Promise<string | null> {
    await this.closeDialog.locator('[data-test=close-submit]').click();
    const refused = this.closeDialog.locator('[data-test=close-problem]');
    const hidden = this.closeDialog.waitFor({ state: 'hidden' }).then(() => null);
    const shown = refused.waitFor().then(() => refused.innerText());
    return Promise.race([hidden, shown]);
  }

  async uploadProof(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.closeDialog.locator('input[data-test=proof-input]').setInputFiles(file);
    await this.closeDialog
      .locator('[data-test=uploaded-proofs]')
      .filter({ hasText: file.name })
      .waitFor();
  }

  get proofFiles(): Locator {
    return this.page.locator('[data-test=problem-list] [data-test=proof-file]');
  }

  async submitProgressReport(text: string): Promise<void> {
    await this.page.locator('[data-test=submit-progress]').click();
    await this.page.locator('textarea[data-test=progress-text]').fill(text);
    await this.page.locator('[data-test=progress-submit]').click();
    await this.page.locator('[data-test=progress-report]').waitFor();
  }

  /** Scrolls the progress reports into view (the page scrolls inside its frame). */
  async showProgressReports(): Promise<void> {
    await this.page.locator('[data-test=progress-reports]').scrollIntoViewIfNeeded();
  }

  /** 尚需 … 签署 / 三方已全部签署, for the first report. */
  get awaiting(): Locator {
    return this.page.locator('[data-test=progress-report] [data-test=awaiting]').first();
  }

  signButton(office: string): Locator {
    return this.page.locator(`[data-test="sign-${office}"]`);
  }

  async sign(office: string): Promise<void> {
    await this.signButton(office).click();
    const box = this.page.locator('.el-message-box');
    await box.getByRole('button', { name: '签署' }).click();
    await box.waitFor({ state: 'hidden' });
    await this.page
      .locator(`[data-test="signature-${office}"][data-signed=true]`)
      .first()
      .waitFor();
  }

  /** 整改公开: the text made public (dated today unless changed). */
  async disclose(text: string): Promise<void> {
    await this.page.locator('[data-test=disclose]').click();
    const dialog = this.page.locator('[data-test=disclosure-dialog]');
    await dialog.locator('textarea[data-test=disclosure-text]').fill(text);
    await dialog.locator('[data-test=disclosure-submit]').click();
    await dialog.waitFor({ state: 'hidden' });
    await this.page.locator('[data-test=disclosure]').waitFor();
  }

  get disclosure(): Locator {
    return this.page.locator('[data-test=disclosure]');
  }

  /** 安排“回头看”: picks the follow-up round by its theme. */
  async scheduleFollowUp(theme: string): Promise<void> {
    await this.page.locator('[data-test=follow-up]').click();
    const dialog = this.page.locator('[data-test=follow-up-dialog]');
    await dialog.locator('[data-test=follow-up-round]').click();
    await this.page.locator('.el-select-dropdown__item:visible').filter({ hasText: theme }).click();
    await dialog.locator('[data-test=follow-up-submit]').click();
    await dialog.waitFor({ state: 'hidden' });
    await this.page.locator('[data-test=follow-up-scheduled]').waitFor();
  }

  /** Clicks 导出整改台账; the file's suggested name. */
  async exportLedger(): Promise<string> {
    const [file] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.locator('[data-test=export-ledger]').click(),
    ]);
    return file.suggestedFilename();
  }
}
