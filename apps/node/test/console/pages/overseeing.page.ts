import type { Locator, Page } from 'playwright-core';
import { pickerText, pickOption } from './rounds.page';
import { settled } from './settled';

export interface OpeningForm {
  overseenName: string;
  form: 'training' | 'investigation' | 'on_site';
  /** 现场跟进指导: part of the round's label, as offered. */
  round?: string;
  title: string;
  windowStart: string;
  windowEnd: string;
  people: { name: string; post: string }[];
  /** Areas ticked whole (全部事项). */
  areas: string[];
}

/**
 * 指导督导 from the overseeing office's side: 发起指导督导 on the list, then on the engagement
 * reading a granted area, recording observations, closing; the figures tab.
 */
export class OverseeingPage {
  constructor(readonly page: Page) {}

  async list(): Promise<this> {
    await this.page.locator('[data-test=menu-oversight]').click();
    await this.page.locator('[data-test=engagements]').waitFor();
    return this;
  }

  get dialog(): Locator {
    return this.page.locator('[data-test=open-engagement-dialog]');
  }

  async startOpening(): Promise<Locator> {
    await this.page.locator('[data-test=open-engagement]').click();
    await this.dialog.locator('[data-test=checklist-all]').waitFor();
    await settled(this.page);
    return this.dialog;
  }

  /** The problem shown beside the form's field labelled `label`. */
  problemBeside(label: string): Locator {
    return this.dialog
      .locator('.el-form-item')
      .filter({ has: this.page.locator('.el-form-item__label', { hasText: label }) })
      .locator('.el-form-item__error');
  }

  async fill(form: OpeningForm): Promise<void> {
    const d = this.dialog;
    await pickOption(
      this.page,
      d.locator('[data-test=overseen-node]'),
      form.overseenName.slice(0, 2),
      form.overseenName,
    );
    await d.locator(`[data-test=form-${form.form}]`).click();
    if (form.round) {
      const select = d.locator('[data-test=round]');
      await select.click();
      const list = await select.locator('input').first().getAttribute('aria-controls');
      await this.page
        .locator(`[id="${list}"] .el-select-dropdown__item:visible`)
        .filter({ hasText: form.round })
        .click();
    }
    await d.locator('input[data-test=title], [data-test=title] input').first().fill(form.title);
    const range = d.locator('[data-test=window] input');
    await range.nth(0).click();
    await range.nth(0).fill(pickerText(form.windowStart));
    await range.nth(1).fill(pickerText(form.windowEnd));
    await range.nth(1).press('Enter');
    await settled(this.page);
    for (const [at, person] of form.people.entries()) {
      if (at > 0) await d.locator('[data-test=people-add]').click();
      await d.locator(`input[data-test=people-name-${at}]`).fill(person.name);
      await d.locator(`input[data-test=people-other-${at}]`).fill(person.post);
    }
    for (const area of form.areas) await d.locator(`[data-test=checklist-area-${area}]`).click();
  }

  /** Sends the form; the new engagement's page opens. Its id. */
  async submit(): Promise<string> {
    await this.dialog.locator('[data-test=open-submit]').click();
    await this.page.waitForURL(/\/console\/oversight\/[0-9a-f-]{36}$/);
    await this.page.locator('[data-test=engagement-title]').waitFor();
    return this.page.url().split('/').pop() as string;
  }

  get status(): Locator {
    return this.page.locator('[data-test=engagement-status]');
  }

  /** Reads a granted area by its Chinese name; the result's tables, or the refusal. */
  async read(areaLabel: string): Promise<void> {
    const reader = this.page.locator('[data-test=area-reader]');
    await reader.waitFor();
    const select = reader.locator('[data-test=area-read-select]');
    await select.click();
    const list = await select.locator('input').first().getAttribute('aria-controls');
    await this.page
      .locator(`[id="${list}"] .el-select-dropdown__item:visible`)
      .filter({ hasText: areaLabel })
      .click();
    await reader.locator('[data-test=area-read-submit]').click();
    await reader
      .locator('[data-test=area-read-result], [data-test=area-read-problem]')
      .first()
      .waitFor();
  }

  get readResult(): Locator {
    return this.page.locator('[data-test=area-read-result]');
  }

  get readProblem(): Locator {
    return this.page.locator('[data-test=area-read-problem]');
  }

  /** Records what was found on a checklist item, from that item's row. */
  async observe(item: string, text: string): Promise<void> {
    await this.page.locator(`[data-test="observe-${item}"]`).click();
    const dialog = this.page.locator('[data-test=observation-dialog]');
    await dialog.locator('textarea[data-test=observation-text]').fill(text);
    await dialog.locator('[data-test=observation-submit]').click();
    await this.page
      .locator(`[data-test="observation-${item}"]`)
      .filter({ hasText: text })
      .waitFor();
    await settled(this.page);
  }

  /** Keeps a file as evidence of the item's first observation; its name then shows there. */
  async attachEvidence(item: string, file: { name: string; mimeType: string; buffer: Buffer }) {
    const observation = this.observations(item).first();
    await observation.locator('input[data-test=observation-evidence-input]').setInputFiles(file);
    await observation.locator(`[data-test="evidence-${file.name}"]`).waitFor();
    await settled(this.page);
  }

  observations(item: string): Locator {
    return this.page.locator(`[data-test="observation-${item}"]`);
  }

  /** 登记参训人员: who attended (name, unit); the attendees' table shows them. */
  async attend(attendees: { name: string; unit: string }[]): Promise<void> {
    await this.page.locator('[data-test=attend]').click();
    const dialog = this.page.locator('[data-test=attendance-dialog]');
    for (const [at, a] of attendees.entries()) {
      if (at > 0) await dialog.locator('[data-test=attendees-add]').click();
      await dialog.locator(`input[data-test=attendees-name-${at}]`).fill(a.name);
      await dialog.locator(`input[data-test=attendees-other-${at}]`).fill(a.unit);
    }
    await dialog.locator('[data-test=attendance-submit]').click();
    await this.page
      .locator('[data-test=attendee-table]')
      .filter({ hasText: attendees[attendees.length - 1].name })
      .waitFor();
    await settled(this.page);
  }

  get attendees(): Locator {
    return this.page.locator('[data-test=attendee-table]');
  }

  /** Closes with a written assessment and recommendations, each on an item by its label. */
  async close(
    assessment: string,
    recommendations: { itemLabel: string; text: string }[],
  ): Promise<void> {
    await this.page.locator('[data-test=close]').click();
    const dialog = this.page.locator('[data-test=close-dialog]');
    await dialog.locator('textarea[data-test=assessment-text]').fill(assessment);
    for (const [at, r] of recommendations.entries()) {
      if (at > 0) await dialog.locator('[data-test=recommendation-add]').click();
      const select = dialog.locator(`[data-test=recommendation-item-${at}]`);
      await select.click();
      const list = await select.locator('input').first().getAttribute('aria-controls');
      await this.page
        .locator(`[id="${list}"] .el-select-dropdown__item:visible`)
        .filter({ hasText: r.itemLabel })
        .click();
      await dialog.locator(`textarea[data-test=recommendation-text-${at}]`).fill(r.text);
    }
    await settled(this.page);
    return this.closeSubmit(dialog);
  }

  private async closeSubmit(dialog: Locator): Promise<void> {
    await dialog.locator('[data-test=close-submit]').click();
    await this.page.locator('[data-test=recommendations]').waitFor();
    await settled(this.page);
  }

  get recommendations(): Locator {
    return this.page.locator('[data-test=recommendations]');
  }

  /** The figures tab of the list. */
  async figures(): Promise<Locator> {
    await this.list();
    await this.page.locator('[data-test=tab-figures]').click();
    const figures = this.page.locator('[data-test=oversight-figures]');
    await figures.waitFor();
    await settled(this.page);
    return figures;
  }
}
