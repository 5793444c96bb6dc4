import { expect, type Page } from '@playwright/test';

/** Page object of 家庭档案 and the new-household form. */
export class HouseholdsPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.getByRole('menuitem', { name: '家庭档案' }).click();
  }

  async search(text: string): Promise<void> {
    const box = this.page.getByPlaceholder('姓名或名字、身份证号（或后4位）、拼音首字母');
    await box.fill(text);
    await box.press('Enter');
  }

  async openNewHousehold(): Promise<void> {
    await this.page.getByRole('button', { name: '新建家庭' }).click();
    await expect(this.page.getByRole('dialog', { name: '新建家庭' })).toBeVisible();
  }

  async selectOption(label: string, option: string): Promise<void> {
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel(label, { exact: true }).click();
    await this.page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
  }

  async fillHead(fields: { name: string; idNumber: string; address: string; village: string; group?: string }): Promise<void> {
    const dialog = this.page.getByRole('dialog');
    await this.selectOption('村（社区）', fields.village);
    if (fields.group) await this.selectOption('村民小组', fields.group);
    await dialog.getByLabel('家庭住址').fill(fields.address);
    await dialog.getByLabel('姓名').fill(fields.name);
    await dialog.getByLabel('身份证号码').fill(fields.idNumber);
  }

  async save(): Promise<void> {
    await this.page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
  }
}
