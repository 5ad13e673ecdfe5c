import type { Locator, Page } from 'playwright-core';

/** 我的巡察: the inspections of the signed-in person's teams, with their role. */
export class MyInspectionsPage {
  constructor(readonly page: Page) {}

  /**
   * Opens the page from the side menu, as a person does. Below 1100 px the layout folds the menu
   * away (MainLayout's breakpoint): open it, and let it finish sliding in. The decision is taken
   * from the screen's width, not from whether the menu is visible yet: on a busy machine the
   * layout may not have rendered when the check runs, and a click on the fold button would then
   * close a wide screen's menu.
   */
  async open(): Promise<this> {
    const menu = this.page.locator('[data-test=menu-my-inspections]');
    if ((this.page.viewportSize()?.width ?? 0) < 1100) {
      await menu.waitFor({ state: 'attached' });
      await this.page.locator('.fold').click();
      await this.page.waitForFunction(
        () => ((globalThis as any).document.querySelector('.aside')?.offsetWidth ?? 0) >= 200,
      );
    }
    await menu.click();
    await this.page.locator('[data-test=my-inspections]').waitFor();
    return this;
  }

  inspection(organizationCode: string): Locator {
    return this.page.locator(`[data-test="inspection-${organizationCode}"]`);
  }

  role(organizationCode: string): Promise<string> {
    return this.inspection(organizationCode).locator('[data-test=team-role]').innerText();
  }

  async openFindings(organizationCode: string): Promise<void> {
    await this.inspection(organizationCode).locator('[data-test=open-findings]').click();
    await this.page.locator('[data-test=findings]').waitFor();
  }
}
