import type { Locator, Page } from 'playwright-core';
import { settled } from './settled';

/** 问题底稿 (one finding): review steps, actions by team role, evidence and its preview, trail. */
export class FindingPage {
  constructor(readonly page: Page) {}

  async goto(url: string, inspectionId: string, findingId: string): Promise<this> {
    await this.page.goto(`${url}/console/inspections/${inspectionId}/findings/${findingId}`);
    await this.page.locator('[data-test=review-steps]').waitFor();
    return this;
  }

  /** The finding's id, from the address. */
  id(): string {
    return new URL(this.page.url()).pathname.split('/').pop() as string;
  }

  status(): Promise<string> {
    return this.page.locator('[data-test=finding-status]').innerText();
  }

  /** Waits until a step names its person (names arrive after the page is drawn). */
  async waitForStepBy(key: 'drafted' | 'checked' | 'signed', name: string): Promise<void> {
    await this.page
      .locator(`[data-test=review-steps] [data-test=step-${key}]`, { hasText: name })
      .waitFor();
  }

  /** The state of each step (起草, 副组长审核, 组长签字) and what it says (who, when). */
  async steps(): Promise<Array<{ key: string; state: string; text: string }>> {
    const steps = this.page.locator('[data-test=review-steps] [data-test^=step-]');
    const out: Array<{ key: string; state: string; text: string }> = [];
    for (const step of await steps.all())
      out.push({
        key: ((await step.getAttribute('data-test')) ?? '').replace('step-', ''),
        state: (await step.getAttribute('data-state')) ?? '',
        text: (await step.innerText()).replace(/\s+/g, ' '),
      });
    return out;
  }

  action(name: 'edit' | 'check' | 'sign' | 'return' | 'withdraw'): Locator {
    return this.page.locator(`[data-test=${name}-finding]`);
  }

  /** The actions the page offers, by name. */
  /** 问题类别 as the finding shows it. */
  category(): Promise<string> {
    return this.page.locator('dd[data-test=finding-category]').innerText();
  }

  async offered(): Promise<string[]> {
    const names = ['edit', 'check', 'sign', 'return', 'withdraw'] as const;
    const shown: string[] = [];
    for (const name of names) if (await this.action(name).isVisible()) shown.push(name);
    return shown;
  }

  private async confirmBox(): Promise<void> {
    await this.page.locator('.el-message-box .el-button--primary').click();
  }

  async check(): Promise<void> {
    await this.action('check').click();
    await this.confirmBox();
    await this.waitForStatus('已审核');
  }

  async sign(): Promise<void> {
    await this.action('sign').click();
    await this.confirmBox();
    await this.waitForStatus('已签字');
  }

  async withdraw(reason: string): Promise<void> {
    await this.action('withdraw').click();
    await this.page.locator('textarea[data-test=reason]').fill(reason);
    await this.page.locator('[data-test=reason-submit]').click();
    await this.waitForStatus('已撤回');
  }

  async waitForStatus(label: string): Promise<void> {
    await this.page.locator('[data-test=finding-status]', { hasText: label }).waitFor();
    await this.settled();
  }

  actionProblem(): Promise<string> {
    return this.page.locator('[data-test=action-problem]').innerText();
  }

  evidence(filename: string): Locator {
    return this.page.locator(`[data-test="evidence-${filename}"]`);
  }

  async evidenceFacts(filename: string): Promise<{ type: string; size: string; sha256: string }> {
    const item = this.evidence(filename);
    return {
      type: await item.locator('[data-test=evidence-type]').innerText(),
      size: await item.locator('[data-test=evidence-size]').innerText(),
      sha256: (await item.locator('[data-test=evidence-sha256]').innerText()).trim(),
    };
  }

  /** Opens an evidence file in the browser: the dialog with its check and its preview. */
  async preview(filename: string): Promise<Locator> {
    await this.evidence(filename).locator('[data-test=evidence-open]').click();
    const dialog = this.page.locator('.el-dialog[data-test=evidence-preview]');
    await dialog.locator('[data-test=preview-check]').waitFor();
    await this.settled();
    return dialog;
  }

  settled(): Promise<void> {
    return settled(this.page);
  }

  async closePreview(): Promise<void> {
    await this.page.locator('.el-dialog[data-test=evidence-preview] .el-dialog__headerbtn').click();
    await this.page.locator('.el-dialog[data-test=evidence-preview]').waitFor({ state: 'hidden' });
  }

  /** The trail as `actor action` lines, oldest first. */
  async trail(): Promise<string[]> {
    const items = this.page.locator('[data-test=trail] .el-timeline-item__content');
    return (await items.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }
}
