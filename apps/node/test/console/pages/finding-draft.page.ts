import type { Locator, Page } from 'playwright-core';

export interface FileToSend {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** 起草问题: the form, the evidence picker (disk or camera), and what the upload shows. */
export class FindingDraftPage {
  constructor(readonly page: Page) {}

  async goto(url: string, inspectionId: string): Promise<this> {
    await this.page.goto(`${url}/console/inspections/${inspectionId}/findings/new`);
    await this.page.locator('[data-test=finding-title]').waitFor();
    return this;
  }

  async fill(text: {
    title: string;
    facts: string;
    basis?: string;
    /** 问题类别, by its label. */
    category?: string;
  }): Promise<void> {
    await this.page.locator('input[data-test=finding-title]').fill(text.title);
    if (text.category) {
      await this.page.locator('[data-test=finding-category]').click();
      await this.page
        .locator('.finding-category-options .el-select-dropdown__item:visible', {
          hasText: text.category,
        })
        .click();
    }
    await this.page.locator('textarea[data-test=finding-facts]').fill(text.facts);
    if (text.basis) await this.page.locator('textarea[data-test=finding-basis]').fill(text.basis);
  }

  /** Files chosen from the disk (the "选择文件" button). */
  async choose(...files: FileToSend[]): Promise<void> {
    await this.page.locator('input[data-test=evidence-input]').setInputFiles(files);
  }

  /** A photo taken with the phone's camera (the "拍照" input, capture="environment"). */
  async takePhoto(file: FileToSend): Promise<void> {
    await this.page.locator('input[data-test=evidence-camera]').setInputFiles(file);
  }

  get cameraInput(): Locator {
    return this.page.locator('input[data-test=evidence-camera]');
  }

  chosen(name: string): Locator {
    return this.page.locator(`[data-test="chosen-${name}"]`);
  }

  /** The SHA-256 the browser computed for a chosen file, once it has. */
  async localHash(name: string): Promise<string> {
    const hash = this.chosen(name).locator('[data-test=chosen-sha256]');
    await hash.filter({ hasNotText: '计算中' }).waitFor();
    return (await hash.innerText()).trim();
  }

  async facts(name: string): Promise<{ type: string; size: string }> {
    const item = this.chosen(name);
    return {
      type: await item.locator('[data-test=chosen-type]').innerText(),
      size: await item.locator('[data-test=chosen-size]').innerText(),
    };
  }

  /** Saves the draft and uploads the files; waits for the page to say how it went. */
  async save(): Promise<string> {
    await this.page.locator('[data-test=save-finding]').click();
    const saved = this.page.locator('[data-test=draft-saved]');
    await saved.waitFor();
    // What the node said of each file that did not go, after the page's own words.
    const refused = await this.page.locator('[data-test=chosen-error]').allInnerTexts();
    return [await saved.innerText(), ...refused].join('\n');
  }

  check(name: string): Promise<string> {
    return this.chosen(name).locator('[data-test=chosen-check]').innerText();
  }

  async openSaved(): Promise<void> {
    await this.page.locator('[data-test=open-saved]').click();
    await this.page.locator('[data-test=review-steps]').waitFor();
  }
}
