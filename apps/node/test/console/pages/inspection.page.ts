import type { Locator, Page } from 'playwright-core';
import { pickOption } from './rounds.page';

/** 巡察详情 (/inspections/:id): status, who conducts it, the team and its editor. */
export class InspectionPage {
  constructor(readonly page: Page) {}

  async goto(url: string, inspectionId: string): Promise<this> {
    await this.page.goto(`${url}/console/inspections/${inspectionId}`);
    await this.page.locator('[data-test=inspection-facts]').waitFor();
    return this;
  }

  get conductedBy(): Locator {
    return this.page.locator('[data-test=conducted-by]');
  }

  get mode(): Locator {
    return this.page.locator('[data-test=inspection-mode]');
  }

  get editTeam(): Locator {
    return this.page.locator('[data-test=edit-team]');
  }

  async openEditor(): Promise<Locator> {
    await this.editTeam.click();
    const editor = this.page.locator('[data-test=team-editor]');
    await editor.waitFor();
    return editor;
  }

  /** The nth row of a role in the editor (members from 0). */
  row(role: 'leader' | 'deputy_leader' | 'member', nth = 0): Locator {
    return this.page.locator(`[data-test=team-row-${role}]`).nth(nth);
  }

  rowOf(personId: string): Locator {
    return this.page.locator(`[data-test^="team-row-"][data-person="${personId}"]`);
  }

  /** Chooses a person for a row by typing part of the name. */
  async choose(row: Locator, name: string): Promise<void> {
    await pickOption(this.page, row.locator('[data-test=team-person]'), name, name);
    await row.locator('[data-test=team-person-description]').waitFor();
  }

  async addMember(): Promise<Locator> {
    const count = await this.page.locator('[data-test=team-row-member]').count();
    await this.page.locator('[data-test=team-add-member]').click();
    const row = this.row('member', count);
    await row.waitFor();
    return row;
  }

  async save(): Promise<void> {
    await this.page.locator('[data-test=team-save]').click();
  }

  /** The saved team as [role, name] pairs, in the page's order. */
  async team(): Promise<Array<[string, string]>> {
    const rows = this.page.locator('[data-test=team] li');
    await rows.first().waitFor();
    const shown: Array<[string, string]> = [];
    for (const row of await rows.all())
      shown.push([
        (await row.locator('[data-test=member-role]').innerText()).trim(),
        (await row.locator('[data-test=member-name]').innerText()).trim(),
      ]);
    return shown;
  }
}
